using Ingestion.Persistence.Database;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ingestion.Consumers.Reading;

/// <summary>Registers the contained reader: its limits, sandbox, process pool and durable attempt count.</summary>
public static class ReaderRegistration
{
    /// <summary>Adds the contained reader with its options from <c>Ingestion:Reader</c>, validated at start.</summary>
    public static IServiceCollection AddContainedReader(this IServiceCollection services)
    {
        services.AddOptions<ReaderOptions>()
            .BindConfiguration(ReaderOptions.Section)
            .Validate(
                o => o.WallTimeSeconds > 0 && o.CpuSeconds > 0 && o.MemoryMiB >= 64 && o.RuntimeOverheadMiB >= 0 && o.OcrMemoryMiB >= 64
                    && o.MaxOutputBytes > 0 && o.MaxFileMiB > 0 && o.MaxOcrMegapixels > 0 && o.MaxDecodedStreamMiB > 0
                    && o.MaxWordsPerPage > 0 && o.MaxLinesPerPage > 0 && o.MaxLineChars > 0 && o.MaxPages > 0 && o.PageBatch > 0
                    && o.PoolSize > 0 && o.RecycleAfterDocuments > 0 && o.MaxAttempts > 0,
                $"{ReaderOptions.Section}: every limit must be positive (MemoryMiB and OcrMemoryMiB at least 64).")
            .ValidateOnStart();
        services.TryAddSingleton<ChildSandbox>();
        services.TryAddSingleton<ReaderPool>();
        services.TryAddSingleton<ContainedReader>();
        services.TryAddSingleton<ReadingAttempts>();
        services.AddSingleton<ISchemaScript, ReadingAttemptsSchema>();
        return services;
    }
}
