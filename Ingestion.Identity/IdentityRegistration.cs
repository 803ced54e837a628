using Ingestion.Identity.Accounts;
using Ingestion.Identity.Sessions;
using Ingestion.Identity.Signatures;
using Ingestion.Identity.Trail;
using Ingestion.Persistence.Database;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ingestion.Identity;

/// <summary>Registers accounts, console sessions and electronic signatures.</summary>
public static class IdentityRegistration
{
    /// <summary>Adds accounts, their password policy and hasher, sessions, signatures and their audit trail, bound from <c>Ingestion:Accounts</c>.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ISchemaScript, AccountSchema>();
        services.AddSingleton<AccountPasswords>();
        services.AddSingleton<PasswordPolicy>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<Authenticator>();
        services.AddSingleton<UserAccounts>();
        services.AddSingleton<ConsoleSessions>();
        services.AddSingleton<ElectronicSignatures>();
        return services;
    }
}
