namespace Ingestion.Identity.Signatures;

/// <summary>Thrown by a signed change that finds it must not happen: nothing of it, nor the signature, is kept.</summary>
public sealed class SignatureRefusedException(SignatureRefusal refusal, string message) : Exception(message)
{
    /// <summary>Why.</summary>
    public SignatureRefusal Refusal { get; } = refusal;
}
