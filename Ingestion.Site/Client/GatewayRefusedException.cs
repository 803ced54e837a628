namespace Ingestion.Site.Client;

/// <summary>The gateway refused a request: its HTTP status, refusal code and reason.</summary>
public sealed class GatewayRefusedException(int status, string code, string reason)
    : Exception($"The gateway refused ({status} {code}): {reason}")
{
    /// <summary>The HTTP status.</summary>
    public int Status { get; } = status;

    /// <summary>The refusal code, for example <c>PACKET_ID_TAKEN</c>.</summary>
    public string Code { get; } = code;

    /// <summary>The reason.</summary>
    public string Reason { get; } = reason;
}
