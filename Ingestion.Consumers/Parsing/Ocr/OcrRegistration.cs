using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ingestion.Consumers.Parsing.Ocr;

/// <summary>Registers the OCR tier's page reader.</summary>
public static class OcrRegistration
{
    /// <summary>Adds <see cref="IPageOcr"/> (Poppler and Tesseract) with its options from <c>Ingestion:Ocr</c>.</summary>
    public static IServiceCollection AddPageOcr(this IServiceCollection services)
    {
        services.AddOptions<OcrOptions>()
            .BindConfiguration(OcrOptions.Section)
            .Validate(
                o => o.Dpi > 0 && double.IsFinite(o.PageTimeoutSeconds) && o.PageTimeoutSeconds > 0
                    && o.PageSegmentationMode is >= 0 and <= 13
                    && !string.IsNullOrWhiteSpace(o.Language)
                    && !string.IsNullOrWhiteSpace(o.PdftoppmPath) && !string.IsNullOrWhiteSpace(o.TesseractPath),
                $"{OcrOptions.Section}: Dpi and PageTimeoutSeconds must be positive, PageSegmentationMode 0-13, and Language and the tool paths set.");
        services.TryAddSingleton<IPageOcr, TesseractPageOcr>();
        return services;
    }
}
