using Ingestion.Contracts;

namespace Ingestion.Saga.Intake;

/// <summary>
/// Decides whether intake may start a recorded packet now. The operations area implements it with the compliance hold:
/// under a hold the packet is kept, and its release sends the packet to intake again.
/// </summary>
public interface IIntakeGate
{
    /// <summary>Keeps <paramref name="packet"/> if intake is held, and says why; <c>null</c> means go ahead.</summary>
    Task<string?> KeepIfHeldAsync(PacketSubmitted packet, CancellationToken cancellationToken);
}
