using System.Diagnostics;
using Ingestion.Site.Submission;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Lab.OpenLoop;

/// <summary>
/// Documents arriving at a fixed rate whatever the fleet does: packet <c>i</c> is sent at <c>i / rate</c> seconds from
/// the start, without waiting for any earlier one, so that latency measures the fleet at that load rather than the
/// time to drain a burst (a closed loop would slow its own arrivals down as the fleet slowed).
/// </summary>
internal static class OpenLoopRun
{
    /// <summary>Sends <paramref name="folders"/> in order at <paramref name="packetsPerSecond"/>; returns their packet ids and the worst lag behind the schedule.</summary>
    public static async Task<(IReadOnlyList<Guid> Packets, TimeSpan WorstLag)> RunAsync(
        IServiceProvider services, IReadOnlyList<string> folders, double packetsPerSecond, string study, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(packetsPerSecond);
        var sends = new List<Task<Guid>>(folders.Count);
        var worstLag = TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < folders.Count; i++)
        {
            var due = TimeSpan.FromSeconds(i / packetsPerSecond);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }

            var lag = clock.Elapsed - due;
            worstLag = lag > worstLag ? lag : worstLag;
            var folder = folders[i];
            sends.Add(Task.Run(() => SendAsync(services, folder, study, cancellationToken), cancellationToken));
        }

        return (await Task.WhenAll(sends), worstLag);
    }

    // A fresh packet id each time: the same dataset can be sent again, and a packet id is its content's for ever.
    private static async Task<Guid> SendAsync(IServiceProvider services, string folder, string study, CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var site = Path.GetFileName(folder.TrimEnd(Path.DirectorySeparatorChar));
        var packet = await scope.ServiceProvider.GetRequiredService<PacketSubmitter>().SubmitAsync(
            folder, site, study, "bench-open-loop", Guid.NewGuid(), cancellationToken);
        return packet.PacketId;
    }
}
