using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Persistence.Content;

/// <summary>Registers the content store.</summary>
public static class ContentStoreRegistration
{
    /// <summary>Adds <see cref="ContentStore"/>, bound from <c>Ingestion:ContentStore</c>.</summary>
    public static IServiceCollection AddContentStore(this IServiceCollection services)
    {
        services.AddOptions<ContentStoreOptions>().BindConfiguration(ContentStoreOptions.Section);
        services.AddSingleton<ContentStore>();
        return services;
    }
}
