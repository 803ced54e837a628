using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Ingestion.Identity.Accounts;

/// <summary>
/// Hashes and checks passwords with ASP.NET Core's <see cref="PasswordHasher{TUser}"/>: PBKDF2-HMAC-SHA512 with a random
/// 128-bit salt and the configured iterations, in its versioned format (so the iterations can rise later and older hashes
/// are re-hashed at their next use). PBKDF2 is NIST-approved (SP 800-132) and maintained with the framework.
/// </summary>
public sealed class AccountPasswords
{
    private readonly PasswordHasher<object> _hasher;

    // Checked against when the user name is unknown, so that an unknown name takes as long as a wrong password.
    private readonly string _decoy;

    /// <summary>Creates the hasher for the configured iterations.</summary>
    public AccountPasswords(IOptions<AccountOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _hasher = new PasswordHasher<object>(Options.Create(new PasswordHasherOptions
        {
            CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
            IterationCount = options.Value.HashIterations,
        }));
        _decoy = Hash(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
    }

    /// <summary>A new salted hash of <paramref name="password"/>.</summary>
    public string Hash(string password) => _hasher.HashPassword(this, password);

    /// <summary>Whether <paramref name="password"/> matches <paramref name="hash"/>, and whether the hash should be renewed.</summary>
    public (bool Matches, bool Rehash) Check(string hash, string password) => _hasher.VerifyHashedPassword(this, hash, password) switch
    {
        PasswordVerificationResult.Success => (true, false),
        PasswordVerificationResult.SuccessRehashNeeded => (true, true),
        _ => (false, false),
    };

    /// <summary>Spends the time of one check, for a user name that does not exist.</summary>
    public void CheckDecoy(string password) => _hasher.VerifyHashedPassword(this, _decoy, password);
}
