using Ingestion.Contracts;

namespace Ingestion.Site.Registry;

/// <summary>What a site audit entry says.</summary>
/// <param name="Action">One of the site actions of <see cref="AuditActions"/>.</param>
/// <param name="SiteId">The site the entry is about: the authenticated one for a refusal, <c>-</c> when none was.</param>
/// <param name="FromState">The site's or submission's state before.</param>
/// <param name="ToState">Its state after.</param>
/// <param name="Outcome">What came of it.</param>
/// <param name="Reason">Why, with any site-supplied text escaped.</param>
/// <param name="ErrorCode">The refusal code, for a refusal.</param>
/// <param name="PacketId">The packet, when the entry concerns one.</param>
/// <param name="SubjectId">The entry's subject (a refusal's id); the entry itself when none.</param>
public sealed record SiteAuditFact(
    string Action, string SiteId, string FromState, string ToState, string Outcome, string? Reason,
    string? ErrorCode = null, Guid? PacketId = null, Guid? SubjectId = null);
