using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Ingestion.Tests.Support;

/// <summary>
/// A stand-in for a Seq server's raw-events ingestion endpoint (<c>POST /api/events/raw</c>, compact JSON lines):
/// no Seq server runs on these machines, so the test receives what the sink really sends.
/// </summary>
internal sealed class SeqIngestionListener : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public SeqIngestionListener()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/";
        }

        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public string Url { get; }

    public ConcurrentQueue<JsonElement> Events { get; } = new();

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener was closed under a pending accept; that is how the loop ends.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            if (context.Request.HttpMethod == "POST" && context.Request.Url!.AbsolutePath.EndsWith("/api/events/raw", StringComparison.Ordinal))
            {
                using var reader = new StreamReader(context.Request.InputStream);
                while (await reader.ReadLineAsync() is { } line)
                {
                    if (line.Length > 0)
                    {
                        Events.Enqueue(JsonDocument.Parse(line).RootElement.Clone());
                    }
                }

                context.Response.StatusCode = 201;
            }
            else
            {
                context.Response.StatusCode = 404;
            }

            context.Response.Close();
        }
    }
}
