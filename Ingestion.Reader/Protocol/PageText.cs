namespace Ingestion.Reader.Protocol;

/// <summary>The text layer of one page, as lines top to bottom with their words left to right.</summary>
/// <param name="Number">The page, counted from 1.</param>
/// <param name="HasTextLayer">False for a page with no letters or digits (a scan): it needs OCR.</param>
/// <param name="Lines">The page's lines.</param>
/// <param name="Truncated">Whether lines or characters beyond the request's limits were dropped.</param>
/// <param name="Width">The page's width in points (1/72 inch), as rendered.</param>
/// <param name="Height">The page's height in points.</param>
public sealed record PageText(int Number, bool HasTextLayer, IReadOnlyList<string> Lines, bool Truncated = false, double Width = 0, double Height = 0);
