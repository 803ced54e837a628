using Microsoft.Extensions.Options;

namespace Ingestion.Identity.Accounts;

/// <summary>
/// What a new password must be: long enough, a mix of character kinds, not the person's names, not a well-known
/// password (NIST SP 800-63B's blocklist idea, on a short list), and not one of their recent passwords (checked by
/// <see cref="UserAccounts"/>, which holds the history).
/// </summary>
public sealed class PasswordPolicy(IOptions<AccountOptions> options)
{
    private const int MaxLength = 128;

    // The most common passwords of breach corpora that are long enough to pass the length rule, plus the product's own name.
    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "password1234", "password12345", "password123!", "Password123!", "qwertyuiop12", "123456789012", "1234567890ab",
        "iloveyou1234", "welcome12345", "Welcome123!!", "changeme1234", "letmein12345", "administrator", "admin1234567",
        "ingestion123", "Ingestion123!", "Passw0rd1234", "P@ssw0rd1234", "P@ssword1234", "Summer2026!!", "Winter2026!!",
    };

    /// <summary>The rules a new password breaks; empty when it is acceptable.</summary>
    public IReadOnlyList<string> Problems(string userName, string printedName, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var settings = options.Value;
        var problems = new List<string>();
        if (password.Length < settings.MinPasswordLength)
        {
            problems.Add($"at least {settings.MinPasswordLength} characters");
        }

        if (password.Length > MaxLength)
        {
            problems.Add($"at most {MaxLength} characters");
        }

        var classes = new[] { password.Any(char.IsLower), password.Any(char.IsUpper), password.Any(char.IsDigit), password.Any(c => !char.IsLetterOrDigit(c)) }
            .Count(present => present);
        if (classes < settings.MinCharacterClasses)
        {
            problems.Add($"a mix of at least {settings.MinCharacterClasses} of: lower-case letters, upper-case letters, digits, other characters");
        }

        if (password.Distinct().Count() <= 2)
        {
            problems.Add("more than two different characters");
        }

        var names = new[] { userName }.Concat(printedName.Split([' ', '.', ',', '-', '\''], StringSplitOptions.RemoveEmptyEntries))
            .Where(part => part.Length >= 4);
        if (names.Any(part => password.Contains(part, StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add("not containing the user name or a part of the person's name");
        }

        if (Common.Contains(password))
        {
            problems.Add("not a well-known password");
        }

        return problems;
    }
}
