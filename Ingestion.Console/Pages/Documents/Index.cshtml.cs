using Ingestion.Contracts;
using Ingestion.Saga.Packets;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ingestion.WebConsole.Pages.Documents;

/// <summary>Documents by site, packet, document id and state.</summary>
public sealed class IndexModel(PacketStatusQueries documents) : PageModel
{
    public const int Limit = 500;

    public IReadOnlyList<string> States { get; } = DocumentState.All.Select(s => s.Display).ToList();

    public string? Site { get; private set; }

    public string? Packet { get; private set; }

    public string? Document { get; private set; }

    public string? State { get; private set; }

    public string? Problem { get; private set; }

    public IReadOnlyList<DocumentOutcome> Results { get; private set; } = [];

    public async Task OnGetAsync(string? site, string? packet, string? document, string? state, CancellationToken cancellationToken)
    {
        (Site, Packet, Document, State) = (site?.Trim(), packet?.Trim(), document?.Trim(), state?.Trim());
        Guid? packetId = null;
        if (!string.IsNullOrEmpty(Packet))
        {
            if (!Guid.TryParse(Packet, out var parsed))
            {
                Problem = "A packet id is a UUID.";
                return;
            }

            packetId = parsed;
        }

        Results = await documents.SearchAsync(
            new DocumentQuery
            {
                PacketIds = packetId is { } id ? [id] : [],
                SiteId = string.IsNullOrEmpty(Site) ? null : Site,
                DocumentIdContains = string.IsNullOrEmpty(Document) ? null : Document,
                MachineState = string.IsNullOrEmpty(State) ? null : DocumentState.Displayed(State)?.Name ?? "-",
                Limit = Limit,
            },
            cancellationToken);
    }
}
