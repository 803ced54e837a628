using System.Diagnostics;
using Ingestion.Qualification.Faults;
using Npgsql;

namespace Ingestion.Tests.Validation;

[TestFixture]
public sealed class ThrottledTcpProxyTests
{
    [Test]
    public async Task The_proxy_forwards_to_postgres_adds_latency_caps_connections_and_cuts_them_all_at_runtime()
    {
        var direct = new NpgsqlConnectionStringBuilder(TestEnvironment.DatabaseConnectionString);
        await using var proxy = ThrottledTcpProxy.Start(direct.Host!, direct.Port);
        var through = new NpgsqlConnectionStringBuilder(direct.ConnectionString)
        {
            Host = "127.0.0.1", Port = proxy.Port, Pooling = false, Timeout = 2,
        }.ConnectionString;

        await using var first = new NpgsqlConnection(through);
        await first.OpenAsync();
        Assert.That(await Scalar(first), Is.EqualTo(1));

        proxy.Throttle = new ProxyThrottle(TimeSpan.FromMilliseconds(100), MaxConnections: 1);
        var clock = Stopwatch.StartNew();
        await Scalar(first);
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(190)), "a round trip is two delayed chunks");
        await using (var second = new NpgsqlConnection(through))
        {
            Assert.That(async () => await second.OpenAsync(), Throws.InstanceOf<NpgsqlException>(), "the only slot is taken");
        }

        Assert.That(proxy.CutAll(), Is.EqualTo(1));
        Assert.That(async () => await Scalar(first), Throws.InstanceOf<NpgsqlException>(), "a cut connection is gone");

        proxy.Throttle = ProxyThrottle.None;
        await using var third = new NpgsqlConnection(through);
        await third.OpenAsync();
        Assert.That(await Scalar(third), Is.EqualTo(1));
    }

    private static async Task<int> Scalar(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
