using Ingestion.Contracts;
using Ingestion.Identity.Trail;

namespace Ingestion.Identity.Accounts;

/// <summary>Why a password is being checked, which decides how a failure is written on the audit trail.</summary>
/// <param name="FailureAction"><see cref="AuditActions.LoginFailed"/> or <see cref="AuditActions.SignatureRefused"/>.</param>
/// <param name="Context">Where and for what, e.g. <c>console sign-in from 127.0.0.1</c>.</param>
/// <param name="Subject">The record being signed; null for a sign-in, whose subject is the account.</param>
/// <param name="Meaning">The signature's meaning, for a signature.</param>
/// <param name="SubjectState">The state of the record being signed (e.g. <c>MANUAL_REVIEW</c>), which a refusal leaves as it was.</param>
internal sealed record PasswordCheck(
    string FailureAction, string Context, AuditSubject? Subject = null, string? Meaning = null, string? SubjectState = null);
