namespace Ingestion.Site.Registry;

/// <summary>A change to the site registry that cannot be made; nothing was changed.</summary>
public sealed class SiteRegistryException(string message) : Exception(message);
