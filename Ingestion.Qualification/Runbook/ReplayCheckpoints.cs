using Ingestion.Contracts;
using Ingestion.Qualification.Replay;

namespace Ingestion.Qualification.Runbook;

/// <summary>Checkpoints (a), (c) and (d), judged from one set of replay runs and the audit exports taken in each.</summary>
internal static class ReplayCheckpoints
{
    public const string ReplayId = "deterministic-replay";
    public const string DriftId = "schema-drift";
    public const string AuditId = "audit-reconstruction";
    private const string ReplayTitle = "Deterministic replay";
    private const string DriftTitle = "Schema drift: v1.x templates rejected";
    private const string AuditTitle = "Audit reconstruction from the export";

    // A validation rejection's whole route: received, handed to the gate, refused; never parsed or archived.
    private static readonly string[] RejectionRoute =
    [
        $"{AuditActions.Ingest} ->{DocumentState.Received} {DocumentState.Received}",
        $"{AuditActions.Validate} {DocumentState.Received}>{DocumentState.Validating} {AuditOutcomes.Started}",
        $"{AuditActions.Reject} {DocumentState.Validating}>{DocumentState.Rejected} {DocumentState.Rejected} {ErrorCodes.SchemaDeprecated}",
    ];

    public static CheckpointResult Replay(ReplayReport report, double seconds)
    {
        var figures = report.Runs.Select(r => new KeyValuePair<string, string>(
            $"run {r.Number} ({r.Workers} worker{(r.Workers == 1 ? string.Empty : "s")})",
            $"{r.Records.Count} docs, {r.Elapsed.TotalSeconds:F1} s, {r.Retries} retried attempts, digest {r.Digest}")).ToList();
        figures.Insert(0, new("dataset", $"{report.Dataset.Documents} documents, {report.Dataset.Packets.Count} sites, SHA-256 {report.Dataset.Identity}"));
        return new CheckpointResult
        {
            Id = ReplayId,
            Title = ReplayTitle,
            Verdict = report.Identical ? CheckpointVerdict.Passed : CheckpointVerdict.Failed,
            Summary = report.Identical
                ? $"All {report.Runs.Count} runs ({string.Join(", ", report.Runs.Select(r => r.Workers))} workers) give digest {report.Runs[0].Digest[..16]}…."
                : $"The digests differ; first: {(report.Differences.Count > 0 ? report.Differences[0] : "(none listed)")}",
            Figures = figures,
            Findings = [$"Outcomes per run: {string.Join(", ", report.Runs[0].Outcomes.Select(o => $"{o.Key} {o.Value}"))}.", .. report.Differences],
            Seconds = seconds,
        };
    }

    public static CheckpointResult Drift(ReplayReport report)
    {
        var drift = report.Runs.Select(r => r.Records.Where(d => d.SchemaVersion?.StartsWith("1.", StringComparison.Ordinal) == true).ToList()).ToList();
        var first = drift[0];
        if (first.Count == 0)
        {
            return NotRun(DriftId, DriftTitle, "The dataset holds no document declaring a v1.x template, so schema drift was not exercised.");
        }

        var wrong = drift.SelectMany((docs, run) => docs.Where(d => !RejectedOnTheRoute(d)).Select(d => $"run {run + 1}: {d.Key} ended {d.State} {d.ErrorCode} via {string.Join(" / ", d.Transitions)}")).ToList();
        var keys = drift.Select(d => string.Join('\n', d.Select(OutcomeDigest.Line).Order(StringComparer.Ordinal))).Distinct().Count();
        var retired = first.Count(d => d.Reason?.Contains(" is retired ", StringComparison.Ordinal) == true);
        var deprecated = first.Count(d => d.Reason?.Contains(" is deprecated ", StringComparison.Ordinal) == true);
        var passed = wrong.Count == 0 && keys == 1;
        return new CheckpointResult
        {
            Id = DriftId,
            Title = DriftTitle,
            Verdict = passed ? CheckpointVerdict.Passed : CheckpointVerdict.Failed,
            Summary = passed
                ? $"All {first.Count} v1.x documents ({deprecated} deprecated, {retired} retired) rejected {ErrorCodes.SchemaDeprecated} at the gate, identically in {report.Runs.Count} runs."
                : wrong.Count > 0 ? $"{wrong.Count} v1.x documents did not take the rejection route; first: {wrong[0]}" : "The v1.x documents' outcomes differ between runs.",
            Figures =
            [
                new("v1.x documents per run", first.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("deprecated (1.4) / retired (1.0)", $"{deprecated} / {retired}"),
                new("error code", ErrorCodes.SchemaDeprecated),
            ],
            Findings =
            [
                $"Each went {string.Join(" → ", RejectionRoute)} and never reached parsing or archival.",
                "The product has no separate compliance queue: the rejection route is the REJECTED state, its REJECT audit entry and the DocumentFinalized event the packet tracker takes; that route is what was checked.",
                $"The registry's retired and deprecated versions share one code, {ErrorCodes.SchemaDeprecated} (README, error codes); there is no SCHEMA_RETIRED. The reason names which.",
                .. wrong.Take(5),
            ],
        };
    }

    public static CheckpointResult Audit(IReadOnlyList<AuditReconstructionRun> runs)
    {
        if (runs.Count == 0)
        {
            return NotRun(AuditId, AuditTitle, "No run got as far as an audit export.");
        }

        var failures = runs.Where(r => r.VerifyProblem is not null || r.Rebuilt != r.Documents).ToList();
        return new CheckpointResult
        {
            Id = AuditId,
            Title = AuditTitle,
            Verdict = failures.Count == 0 ? CheckpointVerdict.Passed : CheckpointVerdict.Failed,
            Summary = failures.Count == 0
                ? $"Every document's timeline ({runs[0].Documents} per run, {runs.Count} runs) rebuilt from the verified export alone, ending in the saga's state."
                : $"Run {failures[0].Namespace}: {(failures[0].VerifyProblem is { } p ? "export does not verify: " + p : $"{failures[0].Documents - failures[0].Rebuilt} timelines not rebuilt")}.",
            Figures = runs.Select(r => new KeyValuePair<string, string>(
                r.Namespace, $"{r.Entries} entries, {r.Segments} closed segments, verifies: {(r.VerifyProblem is null ? "yes" : "NO")}, {r.Rebuilt} of {r.Documents} timelines, {r.Seconds:F1} s")).ToList(),
            Findings = [.. runs.SelectMany(r => r.Mismatches.Select(m => $"{r.Namespace}: {m}"))],
        };
    }

    public static CheckpointResult NotRun(string id, string title, string reason) =>
        new() { Id = id, Title = title, Verdict = CheckpointVerdict.NotRun, Summary = reason };

    public static string TitleOf(string id) => id switch
    {
        ReplayId => ReplayTitle,
        DriftId => DriftTitle,
        AuditId => AuditTitle,
        _ => BackpressureDrill.Title,
    };

    private static bool RejectedOnTheRoute(DocumentRecord record) =>
        record.State == DocumentState.Rejected.Display && record.ErrorCode == ErrorCodes.SchemaDeprecated
        && record.Transitions.SequenceEqual(RejectionRoute);
}
