using System.Net;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.WebConsole;

/// <summary>
/// A real <c>ingest console</c> process serving a test fleet on a loopback port of the range the tests were given
/// (8721-8729 by default, <c>INGESTION_CONSOLE_TEST_PORTS=first-last</c> to change it).
/// </summary>
internal sealed class ConsoleSite
{
    private static int _next;

    private ConsoleSite(string baseUrl) => BaseUrl = baseUrl;

    public string BaseUrl { get; }

    public static async Task<ConsoleSite> StartAsync(Fleet fleet, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var (first, last) = Ports();
        var port = first + (Interlocked.Increment(ref _next) % (last - first + 1));
        var url = $"http://127.0.0.1:{port}";
        var process = fleet.StartIngestProcess(["console", "--urls", url], overrides);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.Until(
            async () =>
            {
                Assert.That(process.HasExited, Is.False, $"the console exited with code {(process.HasExited ? process.ExitCode : 0)}");
                try
                {
                    return (await http.GetAsync(new Uri($"{url}/login"))).StatusCode;
                }
                catch (HttpRequestException)
                {
                    return HttpStatusCode.ServiceUnavailable;
                }
            },
            status => status == HttpStatusCode.OK,
            TimeSpan.FromSeconds(90),
            $"the console to answer on {url}");
        return new ConsoleSite(url);
    }

    public string Url(string path) => BaseUrl + path;

    private static (int First, int Last) Ports()
    {
        var range = Environment.GetEnvironmentVariable("INGESTION_CONSOLE_TEST_PORTS") ?? "8721-8729";
        var parts = range.Split('-');
        return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[^1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
