using Ingestion.Messaging.Fleet;
using MassTransit;

namespace Ingestion.Consumers;

/// <summary>
/// The id of the one result a stateless stage sends for a command: derived from the command's message id, so that a
/// command consumed twice (a worker that died after sending and before acknowledging) sends the same message twice and
/// the saga's inbox, keyed by message id, takes it once.
/// </summary>
internal static class StageResults
{
    public static Guid MessageId(ConsumeContext context, string stage)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = context.GetOriginalMessageId()
            ?? throw new MessageException(typeof(object), "A stage command needs a message id: its result's id is derived from it.");
        return NameBasedGuid.Create(command, $"{stage}-RESULT");
    }

    /// <summary>Sends <paramref name="result"/> with the id derived from the command being consumed.</summary>
    public static Task SendResult<T>(this ConsumeContext context, string stage, T result)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = MessageId(context, stage);
        return context.Send(result, Pipe.Execute<SendContext<T>>(send => send.MessageId = id));
    }
}
