using Ingestion.Contracts;

namespace Ingestion.Site.Rules;

/// <summary>
/// The rules every packet must satisfy, the same at the gateway, at intake and in <c>ingest submit</c>: limits on counts,
/// sizes and lengths, the character rule on every id and name, a declared SHA-256 of exactly 64 hexadecimal digits, a
/// well-formed content reference, unique document ids. Site ids are issued by operators and follow <see cref="SiteIds"/>.
/// </summary>
public static class SubmissionRules
{
    private const string ReferencePrefix = "sha256:";

    /// <summary>The first rule <paramref name="packet"/> breaks, or null when it breaks none.</summary>
    public static SubmissionRefusal? Check(PacketSubmitted packet, IntakeLimits limits)
    {
        ArgumentNullException.ThrowIfNull(packet);
        ArgumentNullException.ThrowIfNull(limits);
        if (packet.PacketId == Guid.Empty)
        {
            return new(RefusalCodes.InvalidPacket, "the packet id is empty");
        }

        if (!SiteIds.IsValid(packet.SiteId))
        {
            return new(RefusalCodes.InvalidText, $"site id '{PrintableText.Escape(packet.SiteId)}' is not a site id");
        }

        if ((CheckText("study id", packet.StudyId, limits.MaxIdLength) ?? CheckText("submitter", packet.SubmittedBy, limits.MaxIdLength)) is { } text)
        {
            return text;
        }

        if (packet.Documents is not { Count: > 0 })
        {
            return new(RefusalCodes.InvalidPacket, "the packet holds no documents");
        }

        if (packet.Documents.Count > limits.MaxDocumentsPerPacket)
        {
            return new(RefusalCodes.TooManyDocuments, $"{packet.Documents.Count} documents; at most {limits.MaxDocumentsPerPacket} per packet");
        }

        foreach (var document in packet.Documents)
        {
            if (CheckDocument(document, limits) is { } refusal)
            {
                return refusal;
            }
        }

        var duplicate = packet.Documents.GroupBy(d => d.DocumentId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null
            ? null
            : new(RefusalCodes.InvalidPacket, $"document id '{PrintableText.Escape(duplicate.Key)}' appears {duplicate.Count()} times");
    }

    /// <summary>The first rule one document breaks, or null.</summary>
    public static SubmissionRefusal? CheckDocument(SubmittedDocument document, IntakeLimits limits)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(limits);
        if (CheckText("document id", document.DocumentId, limits.MaxIdLength) is { } id)
        {
            return id;
        }

        var which = $"document '{PrintableText.Escape(document.DocumentId)}'";
        if ((CheckText($"{which}: artifact type", document.ArtifactType, limits.MaxIdLength)
            ?? CheckFileName($"{which}: file name", document.FileName, limits.MaxFileNameLength)) is { } text)
        {
            return text;
        }

        if (!IsSha256(document.Sha256))
        {
            return new(RefusalCodes.InvalidHash,
                $"{which}: declared SHA-256 '{PrintableText.Escape(document.Sha256, 72)}' is not 64 lower-case hexadecimal digits");
        }

        if (!IsContentReference(document.ContentReference))
        {
            return new(RefusalCodes.InvalidReference, $"{which}: content reference '{PrintableText.Escape(document.ContentReference, 80)}' is not sha256:<64 hex>");
        }

        if (document.SizeBytes < 0 || document.SizeBytes > limits.MaxFileBytes)
        {
            return new(RefusalCodes.FileTooLarge, $"{which}: {document.SizeBytes} bytes; at most {limits.MaxFileBytes} per file");
        }

        return null;
    }

    /// <summary>An id or name: not blank, no surrounding spaces, at most <paramref name="maxLength"/> characters, printable.</summary>
    public static SubmissionRefusal? CheckText(string what, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return new(RefusalCodes.InvalidText, $"the {what} is empty");
        }

        if (value.Length > maxLength)
        {
            return new(RefusalCodes.InvalidText, $"the {what} '{PrintableText.Escape(value, 40)}' has {value.Length} characters; at most {maxLength}");
        }

        if (PrintableText.FirstForbidden(value) is { } character)
        {
            return new(RefusalCodes.InvalidText, $"the {what} '{PrintableText.Escape(value)}' holds {character}, which is not allowed in ids and names");
        }

        return value.Trim().Length != value.Length
            ? new(RefusalCodes.InvalidText, $"the {what} '{PrintableText.Escape(value)}' starts or ends with a space")
            : null;
    }

    /// <summary>A file name as the site named it: the text rule, and no folder (<c>/</c>, <c>\</c>, <c>.</c>, <c>..</c>).</summary>
    public static SubmissionRefusal? CheckFileName(string what, string? value, int maxLength) =>
        CheckText(what, value, maxLength) ?? (value!.IndexOfAny(['/', '\\']) >= 0 || value is "." or ".."
            ? new(RefusalCodes.InvalidText, $"the {what} '{PrintableText.Escape(value)}' names a folder")
            : null);

    /// <summary>Exactly 64 lower-case hexadecimal digits.</summary>
    public static bool IsSha256(string? value) => value is { Length: 64 } && value.All(char.IsAsciiHexDigitLower);

    /// <summary><c>sha256:</c> and 64 lower-case hexadecimal digits.</summary>
    public static bool IsContentReference(string? value) =>
        value is not null && value.StartsWith(ReferencePrefix, StringComparison.Ordinal) && IsSha256(value[ReferencePrefix.Length..]);

    /// <summary>The content reference of a SHA-256.</summary>
    public static string ReferenceOf(string sha256) => ReferencePrefix + sha256;
}
