namespace Ingestion.Operations.Holds;

/// <summary>A compliance hold: while active, packets are accepted and kept but not processed.</summary>
/// <param name="HoldId">The hold.</param>
/// <param name="PlacedAt">When it was placed (UTC).</param>
/// <param name="PlacedBy">The worker that placed it.</param>
/// <param name="Trigger">What placed it, for example <c>BREAKER_OPEN</c> or <c>DEAD_LETTER_RATE</c>.</param>
/// <param name="Reason">The figures behind the trigger.</param>
/// <param name="HeldPackets">Packets kept while it is active.</param>
public sealed record ComplianceHold(Guid HoldId, DateTime PlacedAt, string PlacedBy, string Trigger, string Reason, int HeldPackets);
