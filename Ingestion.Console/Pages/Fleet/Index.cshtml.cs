using Ingestion.Contracts;
using Ingestion.Identity.Signatures;
using Ingestion.Messaging.Broker;
using Ingestion.Operations.Diagnostics;
using Ingestion.Operations.Holds;
using Ingestion.Saga.Packets;
using Ingestion.WebConsole.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Ingestion.WebConsole.Pages.Fleet;

/// <summary>
/// The fleet: documents by site and state, queue depth against throughput (as <c>ingest diagnose</c> computes it),
/// dead-letter counts linking to the RabbitMQ management UI, circuit breakers, and the compliance hold with its signed release.
/// </summary>
public sealed class IndexModel(
    ComplianceHolds holds, PacketStatusQueries documents, FleetDiagnostics diagnostics, QueueBacklogProbe queues, BreakerReadings breakers,
    IOptions<RabbitMqOptions> broker, IOptions<ConsoleOptions> options) : PageModel
{
    public static readonly DiagnosisThresholds Thresholds = new();

    public ComplianceHold? Hold { get; private set; }

    public string? HoldHash { get; private set; }

    public IReadOnlyList<string> States { get; private set; } = [];

    public IReadOnlyList<(string Site, IReadOnlyDictionary<string, int> Counts)> Sites { get; private set; } = [];

    public Diagnosis? Diagnosis { get; private set; }

    public IReadOnlyList<(string Queue, long Messages)>? DeadLetters { get; private set; }

    public IReadOnlyList<BreakerReading> Breakers { get; private set; } = [];

    public string? Error { get; private set; }

    public string? Done { get; private set; }

    public string? ReleaseReason { get; private set; }

    public bool MayRelease => User.IsInRole("operator");

    public async Task OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Done = done == "released" ? "The compliance hold was released with your signature; the packets it kept went back to intake." : null;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostReleaseAsync(string? reason, string? userName, string? password, string? recordHash, CancellationToken cancellationToken)
    {
        if (!MayRelease)
        {
            return Forbid();
        }

        ReleaseReason = reason;
        if (new[] { reason, userName, password }.Any(string.IsNullOrWhiteSpace))
        {
            Error = "A release needs a reason, and your user name and password to sign it.";
        }
        else
        {
            var outcome = await holds.ReleaseAsync(
                new SignatureRequest
                {
                    UserName = userName!,
                    Password = password!,
                    Meaning = SignatureMeanings.Release,
                    Reason = reason!.Trim(),
                    Origin = $"console from {HttpContext.Connection.RemoteIpAddress}",
                    SessionUserId = User.UserId(),
                },
                recordHash,
                cancellationToken);
            if (outcome.IsSigned)
            {
                return Redirect("/fleet?done=released");
            }

            Error = outcome.Message;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public string ManagementLink(string queue)
    {
        var settings = broker.Value;
        // The management UI is served where its API is, on the first node unless configured otherwise.
        var root = options.Value.ManagementUiUrl is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : new Uri(settings.ManagementUris()[0], "/").ToString().TrimEnd('/');
        return $"{root}/#/queues/{Uri.EscapeDataString(settings.VirtualHost)}/{Uri.EscapeDataString(queue)}";
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Hold = await holds.ActiveAsync(cancellationToken);
        HoldHash = Hold is null ? null : ComplianceHolds.RecordHash(Hold);
        var counts = await documents.CountsBySiteAndStateAsync(cancellationToken);
        States = DocumentState.All.Select(s => s.Display).Where(s => counts.Any(c => c.State == s)).ToList();
        Sites = counts.GroupBy(c => c.SiteId)
            .Select(g => (g.Key, (IReadOnlyDictionary<string, int>)g.ToDictionary(c => c.State, c => c.Count)))
            .ToList();
        Diagnosis = await diagnostics.DiagnoseAsync(Thresholds, cancellationToken);
        try
        {
            DeadLetters = await queues.ErrorQueuesAsync(cancellationToken);
        }
        catch (HttpRequestException)
        {
            DeadLetters = null;
        }

        Breakers = await breakers.ReadAsync(cancellationToken);
    }
}
