using System.Text.RegularExpressions;

namespace Ingestion.Consumers.Validation;

/// <summary>
/// The printed declaration line every template carries first: <c>Template: FDA-1572; Version: 2.1</c>. Read from a
/// text layer it must be exactly that; read by OCR, stray marks around it and a semicolon read as a colon are allowed.
/// </summary>
internal static partial class DeclarationHeader
{
    /// <summary>The declaration in <paramref name="line"/>, or null.</summary>
    public static DocumentDeclaration? Parse(string line, string source)
    {
        var match = (source == DocumentDeclaration.OcrHeader ? OcrPattern() : Pattern()).Match(line.Trim());
        return match.Success ? new DocumentDeclaration(match.Groups["template"].Value, match.Groups["version"].Value, source) : null;
    }

    [GeneratedRegex(@"^\uFEFF?Template:\s*(?<template>[A-Z0-9][A-Z0-9-]{1,63})\s*;\s*Version:\s*(?<version>\d{1,3}\.\d{1,3})\s*$")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"Template\s*[:;]\s*(?<template>[A-Z0-9][A-Z0-9-]{1,63})\s*[;:,.]?\s*Version\s*[:;]\s*(?<version>\d{1,3}\.\d{1,3})(?!\d)")]
    private static partial Regex OcrPattern();
}
