using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ingestion.Qualification.Runbook;

/// <summary>Writes the report as <c>runbook.md</c> (for people) and <c>runbook.json</c> (for tools).</summary>
public static class RunbookReportWriter
{
    /// <summary>The Markdown file's name.</summary>
    public const string MarkdownFile = "runbook.md";

    /// <summary>The JSON file's name.</summary>
    public const string JsonFile = "runbook.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter<CheckpointVerdict>(new VerdictJsonNaming()) },
    };

    /// <summary>Writes both files to <paramref name="directory"/> (created if missing); returns their paths.</summary>
    public static (string Markdown, string Json) Write(RunbookReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        var markdown = Path.Combine(directory, MarkdownFile);
        var json = Path.Combine(directory, JsonFile);
        File.WriteAllText(markdown, Markdown(report), new UTF8Encoding(false));
        File.WriteAllText(json, JsonSerializer.Serialize(report, Json) + "\n", new UTF8Encoding(false));
        return (markdown, json);
    }

    /// <summary>A verdict as the report prints it: <c>PASSED</c>, <c>FAILED</c>, <c>NOT RUN</c>.</summary>
    public static string Label(CheckpointVerdict verdict) => verdict switch
    {
        CheckpointVerdict.Passed => "PASSED",
        CheckpointVerdict.Failed => "FAILED",
        _ => "NOT RUN",
    };

    private static string Markdown(RunbookReport report)
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine("# Validation runbook");
        text.AppendLine();
        text.AppendLine(invariant, $"Started {report.StartedAt} on {report.Machine}; took {report.Seconds:F0} s. Overall: **{(report.Passed ? "PASSED" : "FAILED")}**.");
        text.AppendLine();
        text.AppendLine("| checkpoint | verdict | summary |");
        text.AppendLine("|---|---|---|");
        foreach (var checkpoint in report.Checkpoints)
        {
            text.AppendLine(invariant, $"| {checkpoint.Title} | **{Label(checkpoint.Verdict)}** | {Cell(checkpoint.Summary)} |");
        }

        foreach (var checkpoint in report.Checkpoints)
        {
            text.AppendLine();
            text.AppendLine(invariant, $"## {checkpoint.Title}: {Label(checkpoint.Verdict)}");
            text.AppendLine();
            text.AppendLine(invariant, $"{checkpoint.Summary} ({checkpoint.Seconds:F1} s)");
            if (checkpoint.Figures.Count > 0)
            {
                text.AppendLine();
                text.AppendLine("| figure | value |");
                text.AppendLine("|---|---|");
                foreach (var (name, value) in checkpoint.Figures)
                {
                    text.AppendLine(invariant, $"| {Cell(name)} | {Cell(value)} |");
                }
            }

            if (checkpoint.Findings.Count > 0)
            {
                text.AppendLine();
                foreach (var finding in checkpoint.Findings)
                {
                    text.AppendLine(invariant, $"- {finding}");
                }
            }
        }

        return text.ToString();
    }

    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
