using MassTransit;
using Npgsql;
using UglyToad.PdfPig;

namespace Ingestion.Lab.Broker;

/// <summary>The durable floor's consumer: per message, the PDF opened and its text read, then one committed row.</summary>
internal sealed class DurableFloorConsumer(ConsumedCounter counter, DurableFloor floor) : IConsumer<BrokerBenchMessage>
{
    public async Task Consume(ConsumeContext<BrokerBenchMessage> context)
    {
        var characters = 0;
        using (var pdf = PdfDocument.Open(floor.PdfPath))
        {
            foreach (var page in pdf.GetPages())
            {
                characters += page.Text.Length;
            }
        }

        var cancellationToken = context.CancellationToken;
        await using (var connection = await floor.DataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await using var insert = new NpgsqlCommand(
                $"INSERT INTO {floor.Table} (message_id, sequence, characters) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter { Value = context.MessageId ?? Guid.NewGuid() });
            insert.Parameters.Add(new NpgsqlParameter { Value = context.Message.Sequence });
            insert.Parameters.Add(new NpgsqlParameter { Value = characters });
            await insert.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        counter.Consumed(context.ReceiveContext.Body.Length ?? 0);
    }
}
