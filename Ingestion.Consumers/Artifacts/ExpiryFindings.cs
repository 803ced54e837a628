using System.Globalization;
using Ingestion.Contracts;

namespace Ingestion.Consumers.Artifacts;

/// <summary>
/// An <c>expiry_date</c> before the document's receipt is an <c>EXPIRED</c> finding. The receipt is the packet's
/// submission time, carried by the saga, never the clock of the worker that reads it: a replay finds the same.
/// </summary>
internal static class ExpiryFindings
{
    public const string ExpiryField = "expiry_date";

    public static IReadOnlyList<DocumentFinding> Of(IReadOnlyList<ExtractedField> fields, DateTime? receivedAt)
    {
        if (receivedAt is not { } received || fields.FirstOrDefault(f => f.Name == ExpiryField) is not { } expiry)
        {
            return [];
        }

        var receivedOn = DateOnly.FromDateTime(received.ToUniversalTime());
        return WrittenDate.Parse(expiry.Value) < receivedOn
            ? [new DocumentFinding
            {
                Code = FindingCodes.Expired,
                Field = ExpiryField,
                Detail = string.Create(
                    CultureInfo.InvariantCulture, $"{ExpiryField} {expiry.Value} is before the document's receipt on {receivedOn:yyyy-MM-dd}"),
            }]
            : [];
    }
}
