namespace Ingestion.Identity.Signatures;

/// <summary>What came of a request to sign a change: the change's result and its signature, or why it was refused.</summary>
/// <typeparam name="T">What the change returns.</typeparam>
public sealed record SignatureOutcome<T>
{
    /// <summary>The change's result, when signed.</summary>
    public T? Value { get; init; }

    /// <summary>The signature, when signed.</summary>
    public ElectronicSignature? Signature { get; init; }

    /// <summary>Why it was refused, when it was.</summary>
    public SignatureRefusal? Refusal { get; init; }

    /// <summary>What to tell the person when it was refused.</summary>
    public string? Message { get; init; }

    /// <summary>Whether the change was signed and committed.</summary>
    public bool IsSigned => Signature is not null;
}
