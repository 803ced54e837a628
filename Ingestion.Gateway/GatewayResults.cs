using Ingestion.Site.Rules;
using Microsoft.AspNetCore.Http;

namespace Ingestion.Gateway;

/// <summary>The gateway's answers: JSON bodies, a refusal always with its code and reason.</summary>
internal static class GatewayResults
{
    public static IResult Refused(int status, SubmissionRefusal refusal) =>
        Results.Json(new { code = refusal.Code, reason = refusal.Reason }, statusCode: status);

    public static IResult NotFound(Guid packetId) =>
        Results.Json(new { code = "NOT_FOUND", reason = $"this site has no packet {packetId}" }, statusCode: StatusCodes.Status404NotFound);
}
