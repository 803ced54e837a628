using Ingestion.Consumers.Reading;
using Ingestion.Persistence.Content;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Ingestion.Consumers.Pages;

/// <summary>Registers the page renderer of the review console.</summary>
public static class PageImagesRegistration
{
    /// <summary>
    /// Adds <see cref="PageImages"/> with its options from <c>Ingestion:PageImages</c>; it renders inside the contained
    /// reader's sandbox, so the contained reader must be registered too (<c>AddDocumentStages</c> does).
    /// </summary>
    public static IServiceCollection AddPageImages(this IServiceCollection services)
    {
        services.AddOptions<PageImageOptions>().BindConfiguration(PageImageOptions.Section);
        services.TryAddSingleton(sp => new PageImages(
            sp.GetRequiredService<ContentStore>(),
            sp.GetRequiredService<IOptions<PageImageOptions>>(),
            sp.GetRequiredService<IOptions<ReaderOptions>>(),
            sp.GetRequiredService<ChildSandbox>()));
        return services;
    }
}
