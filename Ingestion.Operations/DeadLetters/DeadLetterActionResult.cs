namespace Ingestion.Operations.DeadLetters;

/// <summary>What a replay or purge did: messages moved or purged, messages left in place, and whether it was cut short.</summary>
public sealed record DeadLetterActionResult(int Done, int Kept, bool Interrupted);
