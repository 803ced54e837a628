using System.Diagnostics;
using Ingestion.Saga.Packets;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ingestion.Tests.Support;

/// <summary>
/// How many of a run's documents are final, sampled four times a second while a drill runs, so that the drill can
/// say how long the fleet stood still after a fault: the time to recover. A sample the database cannot answer (no
/// primary serves) is a sample without progress.
/// </summary>
internal sealed class ProgressTimeline : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly List<(TimeSpan At, int Final)> _samples = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly PacketStatusQueries _queries;
    private readonly List<Guid> _packetIds = [];
    private readonly Task _sampling;

    private ProgressTimeline(Fleet fleet, Guid packetId)
    {
        _queries = fleet.Services.GetRequiredService<PacketStatusQueries>();
        _packetIds.Add(packetId);
        _sampling = SampleAsync();
    }

    /// <summary>Time since the timeline started.</summary>
    public TimeSpan Now => _clock.Elapsed;

    /// <summary>The final documents of the latest sample the database answered.</summary>
    public int Final
    {
        get
        {
            lock (_samples)
            {
                return _samples.Count == 0 ? 0 : _samples[^1].Final;
            }
        }
    }

    public static ProgressTimeline Start(Fleet fleet, Guid packetId) => new(fleet, packetId);

    /// <summary>Counts the documents of another packet of the run too.</summary>
    public void Add(Guid packetId)
    {
        lock (_packetIds)
        {
            _packetIds.Add(packetId);
        }
    }

    /// <summary>Whether a sample taken after <paramref name="at"/> counts more final documents than the last one before it.</summary>
    public bool ProgressedSince(TimeSpan at)
    {
        lock (_samples)
        {
            var before = _samples.LastOrDefault(s => s.At <= at).Final;
            return _samples.Any(s => s.At > at && s.Final > before);
        }
    }

    /// <summary>
    /// The longest stretch between <paramref name="from"/> and <paramref name="to"/> in which no further document became
    /// final, and when it ended (documents became final again), both measured from <paramref name="from"/>.
    /// </summary>
    public (TimeSpan Stall, TimeSpan ResumedAfter) LongestStall(TimeSpan from, TimeSpan to)
    {
        lock (_samples)
        {
            var final = _samples.LastOrDefault(s => s.At <= from).Final;
            var (lastProgress, stall, resumed) = (from, TimeSpan.Zero, TimeSpan.Zero);
            foreach (var (at, count) in _samples.Where(s => s.At > from && s.At <= to))
            {
                if (count <= final)
                {
                    continue;
                }

                if (at - lastProgress > stall)
                {
                    (stall, resumed) = (at - lastProgress, at - from);
                }

                (lastProgress, final) = (at, count);
            }

            return (stall, resumed);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                List<Guid> packetIds;
                lock (_packetIds)
                {
                    packetIds = [.. _packetIds];
                }

                var packets = await _queries.PacketsAsync(packetIds, _stop.Token);
                lock (_samples)
                {
                    _samples.Add((_clock.Elapsed, packets.Sum(p => p.FinalCount)));
                }

                await Task.Delay(Interval, _stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (NpgsqlException)
            {
                // No primary serves yet: no progress to record.
                await Task.Delay(Interval, CancellationToken.None);
            }
        }
    }
}
