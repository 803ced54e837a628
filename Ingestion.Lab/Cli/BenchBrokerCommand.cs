using System.CommandLine;
using System.Globalization;
using Ingestion.Hosting;
using Ingestion.Lab.Broker;
using Ingestion.Messaging.Broker;
using Ingestion.Persistence.Database;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ingestion.Lab.Cli;

/// <summary>
/// <c>ingest-lab bench broker --messages N [--floor-pdf FILE]</c>: the broker's raw limit, or the durable floor, in the
/// configured (isolated) virtual host.
/// </summary>
internal static class BenchBrokerCommand
{
    public static Command Create()
    {
        var messages = new Option<int>("--messages") { Description = "Messages to send and consume.", DefaultValueFactory = _ => 20_000 };
        var size = new Option<int>("--message-bytes")
        {
            Description = "Serialized size of each message, envelope included: the pipeline's mean (bench.sh measures it).",
            DefaultValueFactory = _ => 1_500,
        };
        var prefetch = new Option<int?>("--prefetch") { Description = "The consumer's prefetch (default: Ingestion:RabbitMq:PrefetchCount, as the workers)." };
        var inFlight = new Option<int>("--in-flight") { Description = "Sends awaiting their publisher confirm at once.", DefaultValueFactory = _ => 64 };
        var floorPdf = new Option<FileInfo?>("--floor-pdf")
        {
            Description = "Run the durable floor instead: per message, open this PDF with PdfPig and commit one PostgreSQL transaction (Ingestion:Database).",
        };
        BenchCommands.AtLeast(messages, 1);
        BenchCommands.AtLeast(size, 0);
        BenchCommands.AtLeast(inFlight, 1);
        var command = new Command(
            "broker",
            "Send persistent messages through RabbitMQ with MassTransit to one consumer with the workers' prefetch and print messages/s.")
        {
            messages, size, prefetch, inFlight, floorPdf,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            RabbitMqOptions rabbit;
            DatabaseOptions database;
            using (var host = ClientHost.Build())
            {
                rabbit = host.Services.GetRequiredService<IOptions<RabbitMqOptions>>().Value;
                database = host.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            }

            var pdf = result.GetValue(floorPdf);
            if (pdf is { Exists: false })
            {
                await Console.Error.WriteLineAsync($"--floor-pdf: {pdf.FullName} does not exist.");
                return 2;
            }

            await using var floor = pdf is null ? null : await FloorTable.CreateAsync(database, pdf.FullName, cancellationToken);
            var settings = new BrokerBenchSettings(
                rabbit, result.GetValue(messages), result.GetValue(size), result.GetValue(prefetch) ?? rabbit.PrefetchCount, result.GetValue(inFlight),
                floor?.Floor);
            if (settings.PrefetchCount < 1)
            {
                await Console.Error.WriteLineAsync("--prefetch must be at least 1.");
                return 2;
            }

            var run = await BrokerBenchmark.RunAsync(settings, cancellationToken);
            var what = floor is null ? "raw broker" : "durable floor";
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{what}: {run.MessagesPerSecond:F1} messages/s sent and consumed ({run.Messages} persistent messages of {run.MeanBodyBytes:F0} bytes, prefetch {settings.PrefetchCount}, {settings.SendersInFlight} sends in flight, {rabbit.QueueType.ToString().ToLowerInvariant()} queue, vhost {rabbit.VirtualHost}; sends confirmed in {run.SendSeconds:F2} s, all consumed in {run.EndToEndSeconds:F2} s{(floor is null ? string.Empty : $"; per message: {Path.GetFileName(pdf!.FullName)} opened with PdfPig, one transaction in {floor.Floor.Table}")})"));
            return 0;
        });
        return command;
    }
}
