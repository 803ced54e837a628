namespace Ingestion.Identity.Signatures;

/// <summary>A person's request to sign: the two signature components (user name and password), at this moment.</summary>
public sealed record SignatureRequest
{
    /// <summary>The signer's user name, entered for this signature.</summary>
    public required string UserName { get; init; }

    /// <summary>The signer's password, entered for this signature.</summary>
    public required string Password { get; init; }

    /// <summary>One of <see cref="SignatureMeanings"/>.</summary>
    public required string Meaning { get; init; }

    /// <summary>Why, in the signer's words.</summary>
    public required string Reason { get; init; }

    /// <summary>Where: <c>console from 127.0.0.1</c>, or the command.</summary>
    public required string Origin { get; init; }

    /// <summary>The account signed in to the console session the request came through; the signer must be that person.</summary>
    public Guid? SessionUserId { get; init; }
}
