using System.Globalization;

namespace Ingestion.Messaging.Broker;

/// <summary>One node of the broker: a host and a port (AMQP or management, by context).</summary>
/// <param name="Host">Host name or address.</param>
/// <param name="Port">TCP port.</param>
public readonly record struct BrokerNode(string Host, int Port)
{
    /// <summary>Reads <c>host:port,host:port</c>; an entry without a port takes <paramref name="defaultPort"/>.</summary>
    /// <exception cref="FormatException">An entry is empty or its port is not a TCP port.</exception>
    public static IReadOnlyList<BrokerNode> ParseList(string list, int defaultPort)
    {
        ArgumentNullException.ThrowIfNull(list);
        return list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(entry => Parse(entry, defaultPort)).ToList();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    private static BrokerNode Parse(string entry, int defaultPort)
    {
        var colon = entry.LastIndexOf(':');
        var host = colon < 0 ? entry : entry[..colon];
        var port = defaultPort;
        if (string.IsNullOrWhiteSpace(host)
            || (colon >= 0 && !int.TryParse(entry[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port))
            || port is < 1 or > ushort.MaxValue)
        {
            throw new FormatException($"'{entry}' is not host:port with a TCP port (1-65535).");
        }

        return new BrokerNode(host, port);
    }
}
