using System.Net.Sockets;

namespace Ingestion.Qualification.Faults;

/// <summary>One forwarded connection of <see cref="ThrottledTcpProxy"/>: both sockets, closed together once.</summary>
internal sealed class ProxyLink(TcpClient client, TcpClient upstream, CancellationTokenSource cancellation)
{
    private int _closed;

    public CancellationToken Token { get; } = cancellation.Token;

    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1)
        {
            return;
        }

        cancellation.Cancel();
        client.Dispose();
        upstream.Dispose();
        cancellation.Dispose();
    }
}
