using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Ingestion.Tests.Support;

/// <summary>
/// A TCP proxy between worker processes and the broker or the database, for fault drills that must not disturb the
/// shared servers: <see cref="Cut"/> drops every connection and refuses new ones, as a server that is down does;
/// <see cref="Throttle"/> delays every chunk and lets only a few connections through at a time, as an overloaded one does.
/// </summary>
internal sealed class FaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Guid, (TcpClient Client, TcpClient Upstream)> _links = new();
    private readonly Task _accepting;
    private volatile bool _cut;
    private volatile int _delayMs;
    private SemaphoreSlim? _slots;

    private FaultProxy(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static FaultProxy Start(string targetHost, int targetPort) => new(targetHost, targetPort);

    /// <summary>Drops every open connection and refuses new ones until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        _cut = true;
        foreach (var (id, link) in _links)
        {
            link.Client.Dispose();
            link.Upstream.Dispose();
            _links.TryRemove(id, out _);
        }
    }

    /// <summary>Accepts connections again, at full speed.</summary>
    public void Restore()
    {
        _cut = false;
        _delayMs = 0;
        Interlocked.Exchange(ref _slots, null)?.Dispose();
    }

    /// <summary>Delays every chunk in either direction and lets at most <paramref name="connections"/> connections work at once.</summary>
    public void Throttle(int delayMs, int connections)
    {
        _delayMs = delayMs;
        Interlocked.Exchange(ref _slots, new SemaphoreSlim(connections, connections))?.Dispose();
        // Connections already open would keep their speed of access; make them reconnect through the narrow door.
        foreach (var (id, link) in _links)
        {
            link.Client.Dispose();
            link.Upstream.Dispose();
            _links.TryRemove(id, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Cut();
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            if (_cut)
            {
                client.Dispose();
                continue;
            }

            _ = LinkAsync(client);
        }
    }

    private async Task LinkAsync(TcpClient client)
    {
        var slots = _slots;
        var id = Guid.NewGuid();
        var upstream = new TcpClient();
        try
        {
            if (slots is not null)
            {
                await slots.WaitAsync(_stop.Token);
            }

            await upstream.ConnectAsync(_targetHost, _targetPort, _stop.Token);
            client.NoDelay = upstream.NoDelay = true;
            _links[id] = (client, upstream);
            var toServer = PumpAsync(client.GetStream(), upstream.GetStream());
            var toClient = PumpAsync(upstream.GetStream(), client.GetStream());
            await Task.WhenAny(toServer, toClient);
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The other side went away, or the drill cut the link: either way the link ends.
        }
        finally
        {
            _links.TryRemove(id, out _);
            client.Dispose();
            upstream.Dispose();
            try
            {
                slots?.Release();
            }
            catch (ObjectDisposedException)
            {
                // Restored meanwhile: the narrow door is gone.
            }
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    return;
                }

                if (_delayMs > 0)
                {
                    await Task.Delay(_delayMs, _stop.Token);
                }

                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Ends the link.
        }
    }
}
