namespace Ingestion.Persistence.Content;

/// <summary>Where document bytes live: bound from the <c>Ingestion:ContentStore</c> section.</summary>
public sealed class ContentStoreOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingestion:ContentStore";

    /// <summary>The store's root folder; every worker and the submit command must see the same folder.</summary>
    public string Root { get; set; } = ".local/content";
}
