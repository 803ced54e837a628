using Ingestion.Site.Rules;

namespace Ingestion.Site.Records;

/// <summary>A refused credential, upload, packet or packet message, as it is kept on the record.</summary>
/// <param name="Stage"><c>gateway</c> or <c>intake</c>.</param>
/// <param name="SiteId">The authenticated site (at intake: the site the gateway recorded for the packet), <c>-</c> when none.</param>
/// <param name="ClaimedSiteId">The site the manifest or message named, escaped, when it named one.</param>
/// <param name="PacketId">The packet, when known.</param>
/// <param name="Refusal">The code and reason.</param>
/// <param name="RemoteAddress">The sender's network address, at the gateway.</param>
public sealed record RefusedSubmission(
    string Stage, string SiteId, string? ClaimedSiteId, Guid? PacketId, SubmissionRefusal Refusal, string? RemoteAddress = null)
{
    /// <summary>Refused at the gateway.</summary>
    public const string AtGateway = "gateway";

    /// <summary>Refused at intake.</summary>
    public const string AtIntake = "intake";

    /// <summary>The site of an entry made before anyone was authenticated.</summary>
    public const string Nobody = "-";
}
