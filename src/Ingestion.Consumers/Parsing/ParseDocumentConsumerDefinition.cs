using Ingestion.Infrastructure.Fleet;
using Ingestion.Infrastructure.Resilience;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Ingestion.Consumers.Parsing;

/// <summary>
/// The <c>parse-document</c> endpoint. When the retry budget runs out MassTransit moves the message to
/// <c>parse-document_error</c> with its fault headers and publishes <c>Fault&lt;ParseDocument&gt;</c>, which
/// rejects the document with <c>PARSER_FAILURE</c>.
/// </summary>
internal sealed class ParseDocumentConsumerDefinition : ConsumerDefinition<ParseDocumentConsumer>
{
    private readonly StageRetryOptions _retry;

    public ParseDocumentConsumerDefinition(IOptionsMonitor<StageRetryOptions> retry)
    {
        ArgumentNullException.ThrowIfNull(retry);
        _retry = retry.Get(Stages.Parse);
        EndpointName = FleetQueues.ParseDocument;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ParseDocumentConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.ForStage(_retry));
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
