using System.Globalization;
using System.Text.Json;

namespace Ingestion.Audit.Export;

/// <summary>Writes a reconstruction as a table for a reader, CSV for a spreadsheet or JSON for a program.</summary>
public static class ReconstructionWriter
{
    /// <summary>The formats <see cref="Write"/> knows.</summary>
    public static readonly IReadOnlyList<string> Formats = ["table", "csv", "json"];

    /// <summary>Writes <paramref name="reconstruction"/> in <paramref name="format"/> (table, csv or json).</summary>
    public static void Write(Reconstruction reconstruction, string format, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(reconstruction);
        ArgumentNullException.ThrowIfNull(output);
        switch (format)
        {
            case "csv":
                Csv(reconstruction, output);
                break;
            case "json":
                output.WriteLine(JsonSerializer.Serialize(reconstruction, ExportLayout.IndentedJson));
                break;
            default:
                Table(reconstruction, output);
                break;
        }
    }

    /// <summary>Writes one document's timeline as a table.</summary>
    public static void Table(DocumentTimeline document, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(SafeCell.ForTerminal(Invariant($"Document {document.CorrelationId}  site {document.SiteId}  packet {document.PacketId}  sha256 {document.DocumentSha256}")));
        Rows(document.Entries, output);
        output.WriteLine(Invariant($"  final: {document.FinalState} ({document.FinalOutcome}{(document.FinalErrorCode is null ? string.Empty : ", " + document.FinalErrorCode)})"));
    }

    private static void Table(Reconstruction reconstruction, TextWriter output)
    {
        foreach (var document in reconstruction.Documents)
        {
            Table(document, output);
            output.WriteLine();
        }

        output.WriteLine(Invariant($"Operator and system entries: {reconstruction.OperatorEntries.Count}"));
        if (reconstruction.OperatorEntries.Count > 0)
        {
            Rows(reconstruction.OperatorEntries, output);
        }

        output.WriteLine(Invariant($"{reconstruction.Documents.Count} documents, {reconstruction.Documents.Sum(d => d.Entries.Count)} document entries"));
    }

    private static void Rows(IEnumerable<TimelineEntry> entries, TextWriter output)
    {
        output.WriteLine(Invariant($"  {"SEQ",6}  {"OCCURRED (UTC)",-27}  {"ACTION",-16}  {"FROM → TO",-24}  {"OUTCOME",-9}  {"ERROR",-16}  {"ATTEMPT",7}  {"ACTOR",-20}  REASON"));
        foreach (var e in entries)
        {
            output.WriteLine(SafeCell.ForTerminal(Invariant(
                $"  {e.Seq,6}  {e.OccurredAt,-27}  {e.Action,-16}  {(e.FromState ?? "-") + " → " + e.ToState,-24}  {e.Outcome,-9}  {e.ErrorCode ?? "-",-16}  {e.Attempt,7}  {e.Actor,-20}  {e.Reason ?? "-"}")));
        }
    }

    private static void Csv(Reconstruction reconstruction, TextWriter output)
    {
        output.WriteLine("kind,correlation_id,site_id,packet_id,document_sha256,final_state,seq,occurred_at,action,from_state,to_state,outcome,error_code,reason,attempt,actor");
        foreach (var document in reconstruction.Documents)
        {
            foreach (var e in document.Entries)
            {
                Row("document", e, document.FinalState, output);
            }
        }

        foreach (var e in reconstruction.OperatorEntries)
        {
            Row("operator", e, string.Empty, output);
        }
    }

    private static void Row(string kind, TimelineEntry e, string finalState, TextWriter output)
    {
        string[] fields =
        [
            kind, e.CorrelationId.ToString("D"), e.SiteId, e.PacketId.ToString("D"), e.DocumentSha256, finalState,
            e.Seq.ToString(CultureInfo.InvariantCulture), e.OccurredAt, e.Action, e.FromState ?? string.Empty, e.ToState, e.Outcome,
            e.ErrorCode ?? string.Empty, e.Reason ?? string.Empty, e.Attempt.ToString(CultureInfo.InvariantCulture), e.Actor,
        ];
        output.WriteLine(string.Join(',', fields.Select(f => Quote(SafeCell.ForSpreadsheet(f)))));
    }

    // RFC 4180: a field with a comma, quote or line break is quoted, and its quotes doubled. Control characters stay
    // inside the quotes as data: a spreadsheet shows them, it does not run them.
    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
