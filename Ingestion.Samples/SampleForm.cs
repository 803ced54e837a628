using System.Globalization;

namespace Ingestion.Samples;

/// <summary>
/// The filled-in text of a sample form, shared by the text and the PDF generators so that both draw their values from
/// the seeded <see cref="Random"/> in the same order.
/// </summary>
internal static class SampleForm
{
    /// <summary>
    /// The form's lines: declaration, site, study, a blank line, one <c>Label: value</c> line per field, a blank line
    /// and the certification. A revised form prints the revised labels in reverse order; its values are still drawn
    /// in template order, so a revised document consumes the same random values as a current one.
    /// </summary>
    public static IReadOnlyList<string> Lines(SampleTemplate template, string version, SampleSite site, Random random, bool revised = false)
    {
        var fields = template.Fields
            .Select(field => $"{(revised ? SampleTemplates.RevisedLabel(field.Label) : field.Label)}: {ValueOf(field.Kind, site, random)}")
            .ToList();
        if (revised)
        {
            fields.Reverse();
        }

        return
        [
            $"Template: {template.TemplateId}; Version: {version}",
            $"Site: {site.SiteId} ({site.City})",
            $"Study: {SamplePacketWriter.Study}",
            string.Empty,
            .. fields,
            string.Empty,
            "I certify that the information above is true and correct.",
        ];
    }

    private static string ValueOf(SampleTemplates.Value kind, SampleSite site, Random random) => kind switch
    {
        SampleTemplates.Value.Name => site.Investigator,
        SampleTemplates.Value.Protocol => SamplePacketWriter.Study,
        SampleTemplates.Value.Address => $"{100 + random.Next(900)} Clinical Way, {site.City}",
        SampleTemplates.Value.Irb => $"{site.City.Split(',')[0]} Central IRB",
        SampleTemplates.Value.Date => new DateOnly(2026, 1 + random.Next(12), 1 + random.Next(28)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        SampleTemplates.Value.Qualification => "MD, PhD",
        SampleTemplates.Value.Number => $"LIC-{random.Next(100000, 999999)}",
        SampleTemplates.Value.Course => "ICH E6(R3) Good Clinical Practice",
        SampleTemplates.Value.IcfVersion => $"{1 + random.Next(4)}.{random.Next(10)}",
        SampleTemplates.Value.Language => site.Language,
        SampleTemplates.Value.YesNo => random.Next(4) == 0 ? "Yes" : "No",
        SampleTemplates.Value.Count => random.Next(2, 15).ToString(CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
