namespace Ingestion.Consumers;

/// <summary>
/// The names of the consumer stages: their spans (<c>ingestion.&lt;stage&gt;</c>), metrics and log scopes, the reading
/// attempts they count and the ids of the results they send.
/// </summary>
public static class Stages
{
    /// <summary>The validation gate.</summary>
    public const string Validate = "validate";

    /// <summary>Field extraction.</summary>
    public const string Parse = "parse";

    /// <summary>Archival.</summary>
    public const string Archive = "archive";
}
