using Ingestion.Identity.Accounts;

namespace Ingestion.Identity.Sessions;

/// <summary>Whether a console session may still be used, and by whom.</summary>
/// <param name="Account">The signed-in account while the session is active; null once it has ended.</param>
/// <param name="EndReason">Why it ended, when it has: <c>IDLE_TIMEOUT</c>, <c>MAX_AGE</c>, <c>LOGOUT</c>, <c>ACCOUNT_CHANGED</c>.</param>
public sealed record SessionCheck(Account? Account, string? EndReason)
{
    /// <summary>Whether the session is active.</summary>
    public bool Active => Account is not null;

    /// <summary>Whether it ended by its idle or absolute limit rather than by a person.</summary>
    public bool Expired => EndReason is SessionEndReasons.IdleTimeout or SessionEndReasons.MaxAge;
}
