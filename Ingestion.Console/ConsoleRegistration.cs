using Ingestion.Consumers.Pages;
using Ingestion.Identity.Accounts;
using Ingestion.Persistence.Outbox;
using Ingestion.WebConsole.Endpoints;
using Ingestion.WebConsole.Security;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Ingestion.WebConsole;

/// <summary>Registers and maps the review console: server-rendered pages for reviewers, operators and auditors.</summary>
public static class ConsoleRegistration
{
    /// <summary>
    /// Adds the console's pages, cookie sessions held to the server-side sessions, role policies, anti-forgery, the page
    /// renderer and the outbox relay (its signed decisions leave through the bus outbox).
    /// </summary>
    public static IHostApplicationBuilder AddIngestionConsole(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ConsoleOptions>().BindConfiguration(ConsoleOptions.Section);
        services.AddPageImages();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxRelay>());

        // Keys live in memory only: nothing secret is written to disk, and a restart ends every cookie (the sessions
        // themselves are in the database). Several console instances behind one address would need a shared key ring.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "ingestion-console";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.LoginPath = "/login";
                options.LogoutPath = "/logout";
                options.AccessDeniedPath = "/denied";
                options.SlidingExpiration = true;
                options.Events.OnValidatePrincipal = SessionValidation.ValidateAsync;
                options.Events.OnRedirectToLogin = SessionValidation.RedirectToLoginAsync;
            });
        // The cookie lives as long as a session may; the idle limit is the server-side session's, checked on every request,
        // so that an idle session is ended (and audited) there rather than silently forgotten by the browser.
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<AccountOptions>>((cookie, accounts) => cookie.ExpireTimeSpan = TimeSpan.FromHours(accounts.Value.SessionMaxHours));
        services.AddAuthorizationBuilder()
            .AddPolicy(ConsolePolicies.SignedIn, policy => policy.RequireAuthenticatedUser())
            .AddPolicy(ConsolePolicies.Review, policy => policy.RequireRole(ConsolePolicies.Role(AccountRole.Reviewer)))
            .AddPolicy(ConsolePolicies.Fleet, policy => policy.RequireRole(
                ConsolePolicies.Role(AccountRole.Operator), ConsolePolicies.Role(AccountRole.Auditor), ConsolePolicies.Role(AccountRole.Admin)))
            .AddPolicy(ConsolePolicies.Audit, policy => policy.RequireRole(ConsolePolicies.Role(AccountRole.Auditor), ConsolePolicies.Role(AccountRole.Admin)));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "ingestion-console-antiforgery";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.FormFieldName = "__antiforgery";
        });
        services.AddRazorPages(options =>
            {
                options.Conventions.AuthorizeFolder("/", ConsolePolicies.SignedIn);
                options.Conventions.AllowAnonymousToPage("/Login");
                options.Conventions.AllowAnonymousToPage("/Password");
                options.Conventions.AuthorizeFolder("/Review", ConsolePolicies.Review);
                options.Conventions.AuthorizeFolder("/Fleet", ConsolePolicies.Fleet);
                options.Conventions.AuthorizeFolder("/Audit", ConsolePolicies.Audit);
            })
            .AddApplicationPart(typeof(ConsoleRegistration).Assembly);
        return builder;
    }

    /// <summary>Maps the pages and the console's downloads behind the security headers, authentication and authorization.</summary>
    public static WebApplication MapIngestionConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseSecurityHeaders();
        app.UseHsts();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        app.MapConsoleDownloads();
        return app;
    }
}
