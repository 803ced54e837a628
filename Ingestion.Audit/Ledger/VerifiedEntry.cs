namespace Ingestion.Audit.Ledger;

/// <summary>One ledger entry of a document's timeline with what was checked about it.</summary>
/// <param name="Entry">The entry.</param>
/// <param name="HashIntact">Whether its entry hash recomputes from its stored previous hash and its own columns.</param>
/// <param name="SealedBy">The tree size of the latest signed checkpoint, when that checkpoint's signature verifies and covers the entry.</param>
public sealed record VerifiedEntry(LedgerEntry Entry, bool HashIntact, long? SealedBy);
