using System.Diagnostics;
using System.Text;
using Ingestion.Audit.Export;
using Ingestion.Contracts;
using Ingestion.Qualification.Isolation;
using Ingestion.Qualification.Replay;
using Ingestion.Saga.Packets;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Qualification.Runbook;

/// <summary>
/// Checkpoint (d) on one replay run: exports the ledger (WORM segments, signed checkpoint), verifies the export
/// offline, and rebuilds every document's timeline from the export's files and the correlation ids alone; the saga
/// table is read only to compare against.
/// </summary>
internal static class AuditReconstructionProbe
{
    private const int MismatchLimit = 5;

    public static async Task<AuditReconstructionRun> RunAsync(IsolatedDeployment deployment, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var directory = Path.Combine(deployment.ContentRoot, "audit-export");
        var export = await deployment.Services.GetRequiredService<AuditExporter>().ExportAsync(directory, 1000, cancellationToken);
        var verification = ExportVerifier.Verify(directory, await File.ReadAllTextAsync(Path.Combine(directory, ExportLayout.PublicKeyFile), cancellationToken));
        var reconstruction = Reconstruction.Build(
            ExportLayout.ReadEntries(directory).Select(e => TimelineEntry.FromCanonicalJson(Encoding.UTF8.GetBytes(e.CanonicalJson))));
        var timelines = reconstruction.Documents.ToDictionary(t => t.CorrelationId);

        var sagas = await deployment.Services.GetRequiredService<PacketStatusQueries>().InstancesAsync([], cancellationToken);
        var mismatches = new List<string>();
        var rebuilt = 0;
        foreach (var saga in sagas)
        {
            var state = DocumentState.DisplayOf(saga.CurrentState);
            var problem = Problem(timelines.GetValueOrDefault(saga.CorrelationId), state, saga.ErrorCode);
            if (problem is null)
            {
                rebuilt++;
            }
            else if (mismatches.Count < MismatchLimit)
            {
                mismatches.Add($"{saga.Document?.DocumentId ?? saga.CorrelationId.ToString()} ({saga.CorrelationId}): {problem}");
            }
        }

        return new AuditReconstructionRun(
            deployment.Name, export.Entries, export.ClosedSegments, verification.Problem, sagas.Count, rebuilt, mismatches, clock.Elapsed.TotalSeconds);
    }

    private static string? Problem(DocumentTimeline? timeline, string state, string? errorCode)
    {
        if (timeline is null)
        {
            return "no entries in the export";
        }

        var steps = timeline.Entries.Where(e => e.FromState != e.ToState).ToList();
        var (_, complete) = OutcomeReader.CausalChain(steps, e => e.FromState, e => e.ToState, e => e.Attempt, state);
        if (!complete)
        {
            return $"the export's entries do not chain from receipt to {state}";
        }

        if (timeline.FinalState != state || timeline.FinalErrorCode != errorCode)
        {
            return $"the rebuilt timeline ends {timeline.FinalState} {timeline.FinalErrorCode}, the saga is {state} {errorCode}";
        }

        return null;
    }
}
