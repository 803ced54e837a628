namespace Ingestion.Identity.Accounts;

/// <summary>What a person may do in the system. Each account has exactly one role.</summary>
public enum AccountRole
{
    /// <summary>Corrects extracted fields and approves or rejects documents in manual review, with an electronic signature.</summary>
    Reviewer,

    /// <summary>Watches the fleet; releases a compliance hold and replays or purges dead letters, with an electronic signature.</summary>
    Operator,

    /// <summary>Reads documents, timelines and the audit ledger; changes nothing.</summary>
    Auditor,

    /// <summary>Manages accounts; signs no decision about documents or the fleet.</summary>
    Admin,
}
