using Ingestion.Audit.Ledger;
using Ingestion.Contracts;
using Ingestion.Identity.Signatures;
using Ingestion.Saga.Documents;
using Ingestion.Saga.Packets;
using Ingestion.Saga.Review;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ingestion.WebConsole.Pages.Documents;

/// <summary>One document: where it stands, its fields, its signatures, and its timeline from the ledger, each entry checked.</summary>
public sealed class DocumentModel(
    PacketStatusQueries documents, TimelineVerifier timeline, ElectronicSignatures signatures, ReviewDecisions decisions) : PageModel
{
    public DocumentIngestionState Saga { get; private set; } = null!;

    public string State { get; private set; } = string.Empty;

    public ReviewRecord? Record { get; private set; }

    public IReadOnlyList<ElectronicSignature> Signatures { get; private set; } = [];

    public IReadOnlyList<(ReviewDecision Decision, string? Outcome, string? OutcomeReason)> Decisions { get; private set; } = [];

    public IReadOnlyList<VerifiedEntry> Timeline { get; private set; } = [];

    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, CancellationToken cancellationToken)
    {
        if (await documents.DocumentAsync(id, cancellationToken) is not { } saga)
        {
            return NotFound();
        }

        Saga = saga;
        State = DocumentState.DisplayOf(saga.CurrentState);
        Done = done switch
        {
            "approved" => "Approval signed and recorded; the saga applies it and archives the document with the fields as signed.",
            "rejected" => "Rejection signed and recorded; the saga applies it.",
            "not-in-review" => "This document is not waiting in manual review.",
            _ => null,
        };
        Record = await decisions.RecordAsync(id, cancellationToken);
        Signatures = await signatures.OnAsync(id, cancellationToken);
        Decisions = await decisions.DecisionsAsync(id, cancellationToken);
        Timeline = await timeline.VerifyAsync(id, cancellationToken);
        return Page();
    }
}
