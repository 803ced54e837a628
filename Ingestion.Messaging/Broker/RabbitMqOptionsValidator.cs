using Microsoft.Extensions.Options;

namespace Ingestion.Messaging.Broker;

/// <summary>Refuses broker settings that could only fail later, naming every key that is wrong.</summary>
internal sealed class RabbitMqOptionsValidator : IValidateOptions<RabbitMqOptions>
{
    public ValidateOptionsResult Validate(string? name, RabbitMqOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            failures.Add($"{RabbitMqOptions.Section}:Host is empty.");
        }

        CheckPort(failures, "Port", options.Port);
        CheckPort(failures, "ManagementPort", options.ManagementPort);
        if (string.IsNullOrWhiteSpace(options.VirtualHost))
        {
            failures.Add($"{RabbitMqOptions.Section}:VirtualHost is empty (the default virtual host is \"/\").");
        }

        CheckNodes(failures, "Nodes", () => options.AmqpNodes());
        CheckNodes(failures, "ManagementNodes", () => BrokerNode.ParseList(options.ManagementNodes, options.ManagementPort));
        if (!Enum.IsDefined(options.QueueType))
        {
            failures.Add($"{RabbitMqOptions.Section}:QueueType must be classic or quorum.");
        }

        if (options.DeliveryLimit < 1)
        {
            failures.Add($"{RabbitMqOptions.Section}:DeliveryLimit must be at least 1, not {options.DeliveryLimit}.");
        }

        if (options.PrefetchCount is < 1 or > ushort.MaxValue)
        {
            failures.Add($"{RabbitMqOptions.Section}:PrefetchCount must be between 1 and {ushort.MaxValue}, not {options.PrefetchCount}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckNodes(List<string> failures, string key, Func<object> parse)
    {
        try
        {
            parse();
        }
        catch (FormatException exception)
        {
            failures.Add($"{RabbitMqOptions.Section}:{key}: {exception.Message}");
        }
    }

    private static void CheckPort(List<string> failures, string key, int port)
    {
        if (port is < 1 or > ushort.MaxValue)
        {
            failures.Add($"{RabbitMqOptions.Section}:{key} must be a TCP port (1-65535), not {port}.");
        }
    }
}
