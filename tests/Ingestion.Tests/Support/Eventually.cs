using System.Diagnostics;

namespace Ingestion.Tests.Support;

/// <summary>Polls a condition until it holds or a deadline passes; tests never sleep for a fixed time.</summary>
internal static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds:F0} s waiting for {what}; last value: {Describe(value)}");
            }

            await Task.Delay(100);
        }
    }

    private static string Describe<T>(T value) =>
        value is System.Collections.IEnumerable items and not string
            ? $"[{string.Join(", ", items.Cast<object>())}]"
            : $"{value}";
}
