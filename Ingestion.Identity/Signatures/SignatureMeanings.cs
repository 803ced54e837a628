using Ingestion.Identity.Accounts;

namespace Ingestion.Identity.Signatures;

/// <summary>
/// What a signature means (21 CFR 11.50(a)(3)), and the one role that may sign each: reviewers decide on documents,
/// operators on the fleet.
/// </summary>
public static class SignatureMeanings
{
    /// <summary>A reviewer approves a document in manual review: it is archived with its fields as they stand.</summary>
    public const string Approval = "APPROVAL";

    /// <summary>A reviewer rejects a document in manual review.</summary>
    public const string Rejection = "REJECTION";

    /// <summary>A reviewer corrects an extracted field.</summary>
    public const string Correction = "CORRECTION";

    /// <summary>An operator releases the compliance hold.</summary>
    public const string Release = "RELEASE";

    /// <summary>An operator replays dead letters to their input queue.</summary>
    public const string Replay = "REPLAY";

    /// <summary>An operator purges dead letters for good.</summary>
    public const string Purge = "PURGE";

    /// <summary>The role that may sign <paramref name="meaning"/>.</summary>
    public static AccountRole SignedBy(string meaning) => meaning switch
    {
        Approval or Rejection or Correction => AccountRole.Reviewer,
        Release or Replay or Purge => AccountRole.Operator,
        _ => throw new ArgumentOutOfRangeException(nameof(meaning), meaning, "Not a signature meaning."),
    };
}
