namespace Ingestion.Consumers;

/// <summary>The names of the consumer stages, used for their retry budgets (<c>Ingestion:Retry:&lt;Stage&gt;</c>).</summary>
public static class Stages
{
    /// <summary>The validation gate.</summary>
    public const string Validate = "Validate";

    /// <summary>Field extraction.</summary>
    public const string Parse = "Parse";

    /// <summary>Archival.</summary>
    public const string Archive = "Archive";
}
