using System.Globalization;
using Ingestion.Qualification.Replay;

namespace Ingestion.Host.Cli;

/// <summary>Checks replay's numbers and says plainly what is wrong; null when they are unusable.</summary>
internal static class ReplayArguments
{
    public const int MaxWorkers = 16;

    public static ReplayOptions? Parse(int runs, int workers, string? compareWorkers, int timeoutSeconds)
    {
        if (runs < 2)
        {
            return Fail("--runs must be at least 2: replay compares runs.");
        }

        if (timeoutSeconds < 1)
        {
            return Fail("--timeout must be at least 1 second.");
        }

        var counts = new List<int>();
        foreach (var part in (compareWorkers ?? workers.ToString(CultureInfo.InvariantCulture)).Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1 || count > MaxWorkers)
            {
                return Fail($"Worker counts must be whole numbers from 1 to {MaxWorkers}; '{part}' is not.");
            }

            counts.Add(count);
        }

        if (counts.Count > runs)
        {
            return Fail($"--compare-workers names {counts.Count} worker counts but there are only {runs} runs.");
        }

        return new ReplayOptions { Runs = runs, Workers = counts, RunTimeout = TimeSpan.FromSeconds(timeoutSeconds) };
    }

    private static ReplayOptions? Fail(string message)
    {
        Console.Error.WriteLine(message);
        return null;
    }
}
