using Ingestion.Consumers.Pages;
using Ingestion.Identity.Signatures;
using Ingestion.Persistence.Content;
using Ingestion.Saga.Review;
using Ingestion.WebConsole.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ingestion.WebConsole.Pages.Review;

/// <summary>
/// One document in review: its original page beside the fields read from it, what is missing or uncertain highlighted,
/// and the reviewer's signed corrections and decision.
/// </summary>
public sealed class DocumentModel(ReviewQueries reviews, ReviewDecisions decisions, PageImages pages) : PageModel
{
    private const int TextPreviewChars = 20_000;

    public Guid Id { get; private set; }

    public ReviewItem? Item { get; private set; }

    public ReviewRecord? Record { get; private set; }

    public IReadOnlyList<FieldRow> Rows { get; private set; } = [];

    public bool IsPdf { get; private set; }

    public string? Text { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public int KnownPages { get; private set; } = 1;

    public string? Error { get; private set; }

    public string? Done { get; private set; }

    public string? Field { get; private set; }

    public string? NewValue { get; private set; }

    public string? CorrectionReason { get; private set; }

    public string? Verdict { get; private set; }

    public string? DecisionReason { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int? page, string? done, CancellationToken cancellationToken)
    {
        Done = done switch
        {
            "corrected" => "Correction signed and recorded; the record below is the new version.",
            _ => null,
        };
        return await LoadAsync(id, page, cancellationToken) ? Page() : NotWaiting(id);
    }

    public async Task<IActionResult> OnPostCorrectAsync(
        Guid id, string? field, string? newValue, string? reason, string? userName, string? password, string? recordHash, CancellationToken cancellationToken)
    {
        if (!User.IsInRole("reviewer"))
        {
            return Forbid();
        }

        (Field, NewValue, CorrectionReason) = (field, newValue, reason);
        if (Missing(field, newValue, reason, userName, password))
        {
            Error = "A correction needs the field, its new value, a reason, and your user name and password to sign it.";
            return await LoadAsync(id, null, cancellationToken) ? Page() : NotWaiting(id);
        }

        var outcome = await decisions.CorrectAsync(SigningRequest(userName!, password!, reason!), id, field!, newValue!, recordHash, cancellationToken);
        if (!outcome.IsSigned)
        {
            Error = outcome.Message;
            return await LoadAsync(id, null, cancellationToken) ? Page() : NotWaiting(id);
        }

        return Redirect($"/review/{id}?done=corrected");
    }

    public async Task<IActionResult> OnPostDecideAsync(
        Guid id, string? verdict, string? reason, string? userName, string? password, string? recordHash, CancellationToken cancellationToken)
    {
        if (!User.IsInRole("reviewer"))
        {
            return Forbid();
        }

        (Verdict, DecisionReason) = (verdict, reason);
        if (verdict is not ("approve" or "reject") || Missing(reason, userName, password))
        {
            Error = "A decision needs approve or reject, a reason, and your user name and password to sign it.";
            return await LoadAsync(id, null, cancellationToken) ? Page() : NotWaiting(id);
        }

        var outcome = await decisions.DecideAsync(SigningRequest(userName!, password!, reason!), id, verdict == "approve", recordHash, cancellationToken);
        if (!outcome.IsSigned)
        {
            Error = outcome.Message;
            return await LoadAsync(id, null, cancellationToken) ? Page() : NotWaiting(id);
        }

        return Redirect($"/documents/{id}?done={(verdict == "approve" ? "approved" : "rejected")}");
    }

    private static bool Missing(params string?[] values) => values.Any(string.IsNullOrWhiteSpace);

    private SignatureRequest SigningRequest(string userName, string password, string reason) => new()
    {
        UserName = userName,
        Password = password,
        Meaning = SignatureMeanings.Approval,
        Reason = reason.Trim(),
        Origin = $"console from {HttpContext.Connection.RemoteIpAddress}",
        SessionUserId = User.UserId(),
    };

    private RedirectResult NotWaiting(Guid id) => Redirect($"/documents/{id}?done=not-in-review");

    private async Task<bool> LoadAsync(Guid id, int? page, CancellationToken cancellationToken)
    {
        Id = id;
        Item = (await reviews.PendingAsync(id, cancellationToken)).SingleOrDefault();
        Record = Item is null ? null : await decisions.RecordAsync(id, cancellationToken);
        if (Item is null || Record is null)
        {
            return false;
        }

        var rows = Record.Fields.Select(f => new FieldRow(
            f.Name, f.Value, f.Tier, f.Confidence, f.Page,
            f.Tier == FieldCorrection.ReviewerTier ? "corrected" : Item.LowConfidenceFields.Contains(f.Name) ? "uncertain" : "ok")).ToList();
        rows.AddRange(Item.MissingFields.Where(name => rows.All(r => r.Name != name)).Select(name => new FieldRow(name, null, null, null, null, "missing")));
        Rows = rows;
        KnownPages = Math.Max(1, Record.Fields.Max(f => f.Page) ?? 1);
        PageNumber = page is > 0 and <= 10_000 ? page.Value : rows.FirstOrDefault(r => r.Status == "uncertain")?.Page ?? 1;
        try
        {
            IsPdf = await pages.IsPdfAsync(Record.ContentReference, cancellationToken);
            Text = IsPdf ? null : await pages.ReadTextAsync(Record.ContentReference, TextPreviewChars, cancellationToken);
        }
        catch (ContentNotFoundException)
        {
            Text = "(The original is not in the content store.)";
        }

        return true;
    }
}
