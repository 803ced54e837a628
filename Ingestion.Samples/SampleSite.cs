namespace Ingestion.Samples;

/// <summary>A site the generator writes a packet for.</summary>
/// <param name="SiteId">For example <c>US-BOS-001</c>.</param>
/// <param name="Investigator">The principal investigator's name.</param>
/// <param name="City">Where the site is.</param>
/// <param name="Language">The consent form's language.</param>
public sealed record SampleSite(string SiteId, string Investigator, string City, string Language);
