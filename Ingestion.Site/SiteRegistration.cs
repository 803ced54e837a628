using Ingestion.Persistence.Database;
using Ingestion.Site.Records;
using Ingestion.Site.Registry;
using Ingestion.Site.Rules;
using Ingestion.Site.Submission;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Site;

/// <summary>Registers the sites: their registry and credentials, what they uploaded and submitted, and the intake limits.</summary>
public static class SiteRegistration
{
    /// <summary>Adds the site tables, <see cref="SiteRegistry"/>, <see cref="SubmissionRecords"/>, the limits and the internal submitter.</summary>
    public static IServiceCollection AddSites(this IServiceCollection services)
    {
        services.AddOptions<IntakeLimits>()
            .BindConfiguration(IntakeLimits.Section)
            .Validate(l => l.MaxDocumentsPerPacket > 0 && l.MaxFileBytes > 0 && l.MaxIdLength > 0 && l.MaxFileNameLength > 0 && l.MaxManifestBytes > 0,
                "Every Ingestion:Intake limit must be positive.")
            .ValidateOnStart();
        services.AddSingleton<ISchemaScript, SiteSchema>();
        services.AddSingleton<SiteAudit>();
        services.AddSingleton<SiteRegistry>();
        services.AddSingleton<SubmissionRecords>();
        services.AddSingleton<SubmissionRefusals>();
        services.AddScoped<PacketSubmitter>();
        return services;
    }
}
