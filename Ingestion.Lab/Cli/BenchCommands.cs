using System.CommandLine;

namespace Ingestion.Lab.Cli;

/// <summary><c>ingest-lab bench broker|dataset|report|open-loop|latency</c>: the pieces <c>scripts/bench.sh</c> runs.</summary>
internal static class BenchCommands
{
    public static Command Create() => new("bench", "Benchmark pieces: the broker's raw limit and the durable floor, a benchmark dataset, a run's figures, an open-loop run and its latency.")
    {
        BenchBrokerCommand.Create(),
        BenchDatasetCommand.Create(),
        BenchReportCommand.Create(),
        BenchOpenLoopCommand.Create(),
        BenchLatencyCommand.Create(),
    };

    /// <summary>A validator that refuses values below <paramref name="minimum"/>, naming the option.</summary>
    public static void AtLeast<T>(Option<T> option, T minimum)
        where T : IComparable<T>
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<T>() is { } value && value.CompareTo(minimum) < 0)
            {
                result.AddError($"{option.Name} must be at least {minimum}, not {value}.");
            }
        });
    }
}
