namespace Ingestion.Qualification.Runbook;

/// <summary>What rebuilding one run's timelines from its audit export found.</summary>
/// <param name="Namespace">The run's namespace.</param>
/// <param name="Entries">Entries exported.</param>
/// <param name="Segments">Closed segments.</param>
/// <param name="VerifyProblem">Why the export does not verify offline; null when it does.</param>
/// <param name="Documents">Documents the saga table holds.</param>
/// <param name="Rebuilt">Documents whose timeline the export gives, chain complete from receipt to the saga's state.</param>
/// <param name="Mismatches">The first documents whose rebuilt timeline is missing, incomplete or ends elsewhere.</param>
/// <param name="Seconds">Export, verification and rebuild, in seconds.</param>
internal sealed record AuditReconstructionRun(
    string Namespace, long Entries, int Segments, string? VerifyProblem, int Documents, int Rebuilt, IReadOnlyList<string> Mismatches, double Seconds);
