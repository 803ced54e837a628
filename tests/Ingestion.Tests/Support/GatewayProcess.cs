using System.Collections.Concurrent;
using System.Diagnostics;
using Ingestion.Site.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Tests.Support;

/// <summary>
/// A real <c>ingest gateway</c> process over HTTPS on a fleet's database and content store (it never touches the broker),
/// with settings of its own on top of the fleet's. Killed on dispose.
/// </summary>
internal sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    private GatewayProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    /// <summary>The gateway's first address.</summary>
    public Uri Address { get; }

    public string RecentLog => string.Join(Environment.NewLine, _log);

    public static async Task<GatewayProcess> StartAsync(Fleet fleet, GatewayPki pki, string urls, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ingest.dll"));
        info.ArgumentList.Add("gateway");
        var settings = fleet.Services.GetRequiredService<IConfiguration>().AsEnumerable()
            .Where(s => s.Key.StartsWith("Ingestion:", StringComparison.Ordinal) && s.Value is not null)
            .Concat(new Dictionary<string, string?>
            {
                ["Ingestion:Gateway:Urls"] = urls,
                ["Ingestion:Gateway:CertificatePath"] = pki.CertificatePath,
                ["Ingestion:Gateway:KeyPath"] = pki.KeyPath,
                ["Ingestion:Worker:WorkerId"] = "test-gateway",
                // The gateway never connects to the broker: the fleet's host, port and virtual host only address the messages
                // it leaves in the outbox. It holds no broker login, so any attempt to connect would fail loudly.
                ["Ingestion:RabbitMq:Username"] = "the-gateway-has-no-broker-login",
                ["Ingestion:RabbitMq:Password"] = "-",
            })
            .Concat(overrides ?? new Dictionary<string, string?>());
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var address = new Uri(urls.Split(';')[0]);
        var gateway = new GatewayProcess(Process.Start(info)!, address);
        gateway._process.OutputDataReceived += (_, e) => gateway.Keep(e.Data);
        gateway._process.ErrorDataReceived += (_, e) => gateway.Keep(e.Data);
        gateway._process.BeginOutputReadLine();
        gateway._process.BeginErrorReadLine();
        await gateway.WaitUntilListeningAsync(pki);
        return gateway;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    // Listening means answering an unauthenticated request with 401 over TLS that the pinned CA vouches for.
    private async Task WaitUntilListeningAsync(GatewayPki pki)
    {
        var connection = new GatewayConnection(Address, "ist_probe", System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(pki.CaPath));
        using var client = connection.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(5);
        await Eventually.Until(
            async () =>
            {
                if (_process.HasExited)
                {
                    Assert.Fail($"The gateway exited with {_process.ExitCode}:{Environment.NewLine}{RecentLog}");
                }

                try
                {
                    using var response = await client.GetAsync("v1/site");
                    return (int)response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    return 0;
                }
                catch (TaskCanceledException)
                {
                    return 0;
                }
            },
            status => status == 401,
            TimeSpan.FromSeconds(90),
            "the gateway to answer over HTTPS");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _log.Enqueue(line);
        while (_log.Count > 60 && _log.TryDequeue(out _))
        {
        }
    }
}
