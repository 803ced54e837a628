using Ingestion.Audit.Checkpoints;
using Ingestion.Audit.Ledger;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ingestion.WebConsole.Pages.Audit;

/// <summary>
/// The auditors' page, read-only: run a verification of the whole chain against the signed checkpoints, list the
/// checkpoints with their signatures checked, download an export and the public key.
/// </summary>
public sealed class IndexModel(AuditChainVerifier verifier, CheckpointStore checkpoints, LedgerPublicKey key) : PageModel
{
    public ChainVerification? Verification { get; private set; }

    public TimeSpan VerificationTime { get; private set; }

    public IReadOnlyList<(Checkpoint Checkpoint, bool SignatureValid)> Checkpoints { get; private set; } = [];

    public string KeyId => key.KeyId ?? "(no public key yet)";

    public async Task OnGetAsync(bool verify, CancellationToken cancellationToken)
    {
        if (verify)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            Verification = await verifier.VerifyAsync(cancellationToken);
            VerificationTime = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        }

        Checkpoints = (await checkpoints.AllAsync(cancellationToken))
            .OrderByDescending(c => c.TreeSize)
            .Select(c => (c, key.Verifies(c)))
            .ToList();
    }
}
