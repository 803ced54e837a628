using Ingestion.Persistence.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ingestion.Host.Cli;

/// <summary>
/// Runs a command that writes through the bus outbox (signed decisions, account changes, their audit entries): the bus
/// is started so that sends can be addressed, and what the command committed is relayed before it exits; anything the
/// relay could not send stays in the outbox for the workers' relays.
/// </summary>
internal static class BusCommand
{
    public static async Task<int> RunAsync(IHost host, Func<Task<int>> command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(command);
        await host.StartAsync(cancellationToken);
        try
        {
            var exitCode = await command();
            await host.Services.GetRequiredService<OutboxRelay>().RelayAsync(CancellationToken.None);
            return exitCode;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
