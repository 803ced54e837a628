using Ingestion.Consumers.Archive;
using Ingestion.Consumers.Artifacts;
using Ingestion.Consumers.Parsing;
using Ingestion.Consumers.Parsing.Ocr;
using Ingestion.Consumers.Reading;
using Ingestion.Consumers.Templates;
using Ingestion.Consumers.Validation;
using Ingestion.Messaging.Redelivery;
using Ingestion.Messaging.Resilience;
using Ingestion.Persistence.Database;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ingestion.Consumers;

/// <summary>Registers the validation, parse and archive roles.</summary>
public static class ConsumersRegistration
{
    /// <summary>Adds the services the stages need; call whether or not this process runs them.</summary>
    public static IServiceCollection AddDocumentStages(this IServiceCollection services)
    {
        services.AddOptions<TemplateRegistryOptions>().BindConfiguration(TemplateRegistryOptions.Section);
        services.AddEndpointRetry();
        services.AddWaitQueueRedelivery();
        services.AddSingleton<TemplateRegistry>();
        services.AddSingleton<TemplateGate>();
        services.AddOptions<ArtifactProfileOptions>().BindConfiguration(ArtifactProfileOptions.Section);
        services.AddSingleton<ArtifactProfileRegistry>();
        services.AddSingleton<ArtifactClassifier>();
        services.TryAddSingleton<FreeFormExtraction>();
        services.AddOptions<ExtractionOptions>().BindConfiguration(ExtractionOptions.Section);
        services.AddContainedReader();
        services.AddPageOcr();
        services.TryAddSingleton<PdfDocumentFormat>();
        services.TryAddSingleton<IDocumentFormat, DocumentFormatRouter>();
        services.TryAddSingleton<DocumentLineReader>();
        services.TryAddSingleton<IFieldExtractor, FieldExtractionChain>();
        services.AddSingleton<ISchemaScript, ArchiveSchema>();
        return services;
    }

    /// <summary>Adds the validation stage's endpoint.</summary>
    public static IBusRegistrationConfigurator AddValidationStage(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ValidateDocumentConsumer, ValidateDocumentConsumerDefinition>();
        return bus;
    }

    /// <summary>Adds the parse stage's endpoint.</summary>
    public static IBusRegistrationConfigurator AddParseStage(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ParseDocumentConsumer, ParseDocumentConsumerDefinition>();
        return bus;
    }

    /// <summary>Adds the archive stage's endpoint.</summary>
    public static IBusRegistrationConfigurator AddArchiveStage(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ArchiveDocumentConsumer, ArchiveDocumentConsumerDefinition>();
        return bus;
    }
}
