using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ingestion.Host.Cli;

/// <summary>
/// The <c>--json</c> output of the read commands: one JSON object on standard output, camelCase names, ids as strings,
/// times in ISO 8601 UTC, absent values as null. Its shapes are documented in the README and only ever grow.
/// </summary>
internal static class CliJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static Option<bool> Option() => new("--json") { Description = "Print one JSON object instead of the table (shape in the README)." };

    public static void Write<T>(T value) => Console.WriteLine(JsonSerializer.Serialize(value, Options));
}
