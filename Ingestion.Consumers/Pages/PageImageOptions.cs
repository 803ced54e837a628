namespace Ingestion.Consumers.Pages;

/// <summary>How the console renders a stored page for a reviewer to look at: bound from <c>Ingestion:PageImages</c>.</summary>
public sealed class PageImageOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingestion:PageImages";

    /// <summary>The resolution a page is rendered at.</summary>
    public int Dpi { get; set; } = 110;

    /// <summary>The longest side of the image in pixels, whatever size the page claims, so a hostile page size cannot exhaust memory.</summary>
    public int MaxPixels { get; set; } = 1600;

    /// <summary>How long rendering one page may take before the renderer is killed.</summary>
    public double TimeoutSeconds { get; set; } = 20;

    /// <summary>Poppler's renderer: a file name looked up on the PATH, or a full path.</summary>
    public string PdftoppmPath { get; set; } = "pdftoppm";
}
