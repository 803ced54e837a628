using Ingestion.Contracts;

namespace Ingestion.Saga.Intake;

/// <summary>The gate of a process with no operations area registered: intake is never held.</summary>
internal sealed class OpenIntakeGate : IIntakeGate
{
    public Task<string?> KeepIfHeldAsync(PacketSubmitted packet, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
