using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Consumers.Redelivery;

/// <summary>Registers wait-queue redelivery for the stage endpoints.</summary>
internal static class RedeliveryRegistration
{
    public static IServiceCollection AddStageRedelivery(this IServiceCollection services)
    {
        services.AddOptions<StageRedeliveryOptions>()
            .BindConfiguration(StageRedeliveryOptions.Section)
            .Validate(
                o => o.MaxRedeliveries >= 0 && o.BaseDelayMs > 0 && o.MaxDelayMs >= o.BaseDelayMs
                    && double.IsFinite(o.Factor) && o.Factor >= 1 && o.Jitter is >= 0 and <= 0.5,
                $"{StageRedeliveryOptions.Section}: MaxRedeliveries must be 0 or more, BaseDelayMs positive and at most MaxDelayMs, Factor at least 1, Jitter 0-0.5.");
        services.AddSingleton<RedeliverySchedule>();
        return services;
    }
}
