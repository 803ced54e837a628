namespace Ingestion.Identity.Sessions;

/// <summary>Why a console session ended.</summary>
public static class SessionEndReasons
{
    /// <summary>No request within the idle limit.</summary>
    public const string IdleTimeout = "IDLE_TIMEOUT";

    /// <summary>The absolute limit since sign-in passed.</summary>
    public const string MaxAge = "MAX_AGE";

    /// <summary>The person signed out.</summary>
    public const string Logout = "LOGOUT";

    /// <summary>The account was disabled, its role changed or its password reset.</summary>
    public const string AccountChanged = "ACCOUNT_CHANGED";

    /// <summary>The session is unknown.</summary>
    public const string Unknown = "UNKNOWN";
}
