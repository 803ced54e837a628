using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Ingestion.Qualification.Faults;

/// <summary>
/// A loopback TCP proxy for drills: point a connection string at <see cref="Port"/> and the proxy forwards to the real
/// server, adding latency per chunk, capping bandwidth and concurrent connections as <see cref="Throttle"/> says (changed
/// at any time, taking effect on the next chunk or connection), or cutting every connection at once.
/// </summary>
public sealed class ThrottledTcpProxy : IAsyncDisposable
{
    private const int ChunkBytes = 16 * 1024;

    private readonly TcpListener _listener;
    private readonly string _upstreamHost;
    private readonly int _upstreamPort;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, ProxyLink> _links = new();
    private readonly Lock _bandwidthLock = new();
    private readonly Task _accepting;
    private long _nextLinkId;
    private long _forwardedBytes;
    private int _waiting;
    private long _bandwidthFreeAt;
    private volatile ProxyThrottle _throttle = ProxyThrottle.None;

    private ThrottledTcpProxy(TcpListener listener, string upstreamHost, int upstreamPort)
    {
        _listener = listener;
        _upstreamHost = upstreamHost;
        _upstreamPort = upstreamPort;
        _accepting = AcceptAsync();
    }

    /// <summary>The loopback port the proxy listens on.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The throttle now in force.</summary>
    public ProxyThrottle Throttle
    {
        get => _throttle;
        set => _throttle = value ?? ProxyThrottle.None;
    }

    /// <summary>Connections being forwarded now.</summary>
    public int OpenConnections => _links.Count;

    /// <summary>Connections accepted and waiting for a slot under <see cref="ProxyThrottle.MaxConnections"/>.</summary>
    public int WaitingConnections => Volatile.Read(ref _waiting);

    /// <summary>Bytes forwarded so far, both directions.</summary>
    public long ForwardedBytes => Interlocked.Read(ref _forwardedBytes);

    /// <summary>Starts a proxy on a free loopback port forwarding to <paramref name="upstreamHost"/>:<paramref name="upstreamPort"/>.</summary>
    public static ThrottledTcpProxy Start(string upstreamHost, int upstreamPort)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(upstreamHost);
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new ThrottledTcpProxy(listener, upstreamHost, upstreamPort);
    }

    /// <summary>Closes every forwarded connection, as a database restart or a network cut would; returns how many.</summary>
    public int CutAll() => ShedTo(0);

    /// <summary>
    /// Closes the newest connections until at most <paramref name="keep"/> remain, as a database that lowers its
    /// connection limit under load would; returns how many were closed.
    /// </summary>
    public int ShedTo(int keep)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keep);
        var cut = 0;
        foreach (var (id, link) in _links.OrderByDescending(l => l.Key).Take(Math.Max(0, _links.Count - keep)))
        {
            if (_links.TryRemove(id, out _))
            {
                link.Close();
                cut++;
            }
        }

        return cut;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        CutAll();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        ProxyLink? link = null;
        try
        {
            await WaitForSlotAsync();
            var upstream = new TcpClient { NoDelay = true };
            client.NoDelay = true;
            await upstream.ConnectAsync(_upstreamHost, _upstreamPort, _stopping.Token);
            link = new ProxyLink(client, upstream, CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token));
            var id = Interlocked.Increment(ref _nextLinkId);
            _links[id] = link;
            await Task.WhenAny(Pump(client.GetStream(), upstream.GetStream(), link.Token), Pump(upstream.GetStream(), client.GetStream(), link.Token));
            _links.TryRemove(id, out _);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            // A cut, a refused upstream or a client that went away: the other side sees its connection close.
        }
        finally
        {
            if (link is null)
            {
                client.Dispose();
            }
            else
            {
                link.Close();
            }
        }
    }

    // Polled rather than a semaphore, so that the cap can be raised or lowered while connections wait.
    private async Task WaitForSlotAsync()
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            while (_throttle.Unresponsive || (_throttle.MaxConnections > 0 && _links.Count >= _throttle.MaxConnections))
            {
                await Task.Delay(10, _stopping.Token);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    private async Task Pump(NetworkStream from, NetworkStream to, CancellationToken cancellationToken)
    {
        var buffer = new byte[ChunkBytes];
        while (true)
        {
            var read = await from.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                return;
            }

            var throttle = _throttle;
            while (throttle.Unresponsive)
            {
                await Task.Delay(10, cancellationToken);
                throttle = _throttle;
            }

            if (throttle.LatencyPerChunk > TimeSpan.Zero)
            {
                await Task.Delay(throttle.LatencyPerChunk, cancellationToken);
            }

            if (throttle.BytesPerSecond > 0)
            {
                await Task.Delay(BandwidthWait(read, throttle.BytesPerSecond), cancellationToken);
            }

            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            Interlocked.Add(ref _forwardedBytes, read);
        }
    }

    // One shared budget: each chunk books the next free slice of time on the line and waits until its slice ends.
    private TimeSpan BandwidthWait(int bytes, long bytesPerSecond)
    {
        var now = Stopwatch.GetTimestamp();
        var duration = (long)((double)bytes / bytesPerSecond * Stopwatch.Frequency);
        long end;
        lock (_bandwidthLock)
        {
            _bandwidthFreeAt = Math.Max(_bandwidthFreeAt, now) + duration;
            end = _bandwidthFreeAt;
        }

        return Stopwatch.GetElapsedTime(now, end);
    }
}
