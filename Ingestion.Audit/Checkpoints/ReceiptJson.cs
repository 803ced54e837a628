using System.Text.Json;

namespace Ingestion.Audit.Checkpoints;

/// <summary>The receipt file's JSON: snake_case names, indented for a reader.</summary>
public static class ReceiptJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    /// <summary>The receipt as JSON text.</summary>
    public static string Write(AuditReceipt receipt) => JsonSerializer.Serialize(receipt, Options);

    /// <summary>A receipt from JSON text; throws <see cref="JsonException"/> when it is not one.</summary>
    public static AuditReceipt Read(string json) =>
        JsonSerializer.Deserialize<AuditReceipt>(json, Options) ?? throw new JsonException("The receipt is empty.");
}
