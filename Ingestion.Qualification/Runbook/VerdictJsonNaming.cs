using System.Text.Json;

namespace Ingestion.Qualification.Runbook;

/// <summary>Verdicts in the JSON report read as in the Markdown one: <c>PASSED</c>, <c>FAILED</c>, <c>NOT RUN</c>.</summary>
internal sealed class VerdictJsonNaming : JsonNamingPolicy
{
    public override string ConvertName(string name) => RunbookReportWriter.Label(Enum.Parse<CheckpointVerdict>(name));
}
