using Ingestion.Contracts;
using Ingestion.Saga.Intake;

namespace Ingestion.Operations.Holds;

/// <summary>Intake under a compliance hold: the packet is recorded and kept, and releasing the hold sends it again.</summary>
internal sealed class HoldIntakeGate(ComplianceHolds holds) : IIntakeGate
{
    public async Task<string?> KeepIfHeldAsync(PacketSubmitted packet, CancellationToken cancellationToken)
    {
        if (await holds.ActiveAsync(cancellationToken) is not { } hold)
        {
            return null;
        }

        await holds.KeepAsync(hold.HoldId, packet, cancellationToken);
        return $"compliance hold {hold.HoldId} ({hold.Trigger})";
    }
}
