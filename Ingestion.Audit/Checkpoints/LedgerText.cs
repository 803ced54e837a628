using System.Text.Json;

namespace Ingestion.Audit.Checkpoints;

/// <summary>Reading what receipts and exports carry as text, without trusting it: malformed input is a failed check, never an exception.</summary>
internal static class LedgerText
{
    /// <summary>Hex to bytes; false for null, odd-length or non-hex text.</summary>
    public static bool TryHex(string? hex, out byte[] bytes)
    {
        bytes = [];
        if (hex is null || hex.Length % 2 != 0)
        {
            return false;
        }

        try
        {
            bytes = Convert.FromHexString(hex);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Whether the canonical JSON is the entry at <paramref name="seq"/> (and, when given, of that document).</summary>
    public static bool IsEntry(byte[] canonicalJson, long seq, Guid? correlationId = null)
    {
        try
        {
            using var json = JsonDocument.Parse(canonicalJson);
            return json.RootElement.GetProperty("seq").GetInt64() == seq
                && (correlationId is null || json.RootElement.GetProperty("correlation_id").GetGuid() == correlationId);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }
}
