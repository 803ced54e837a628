using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ingestion.Site.Rules;

namespace Ingestion.Site.Client;

/// <summary>The site's side of the gateway's <c>/v1</c> endpoints.</summary>
public sealed class GatewayClient(HttpClient http) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The site the credential belongs to and the limits its packets must keep.</summary>
    public async Task<(string SiteId, IntakeLimits Limits)> SiteAsync(CancellationToken cancellationToken)
    {
        var body = await ReadAsync(await http.GetAsync("v1/site", cancellationToken), cancellationToken);
        return (body["siteId"]!.GetValue<string>(), body["limits"].Deserialize<IntakeLimits>(Json) ?? new IntakeLimits());
    }

    /// <summary>Streams one file to the gateway; returns its content reference, SHA-256 and size as stored.</summary>
    public async Task<(string Reference, string Sha256, long SizeBytes)> UploadAsync(Stream content, long length, CancellationToken cancellationToken)
    {
        using var body = new StreamContent(content, 1 << 20);
        body.Headers.ContentLength = length;
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        var answer = await ReadAsync(await http.PutAsync("v1/content", body, cancellationToken), cancellationToken);
        return (answer["reference"]!.GetValue<string>(), answer["sha256"]!.GetValue<string>(), answer["sizeBytes"]!.GetValue<long>());
    }

    /// <summary>Submits the packet's manifest; returns the gateway's answer (<c>status</c> is <c>accepted</c> or <c>already-recorded</c>).</summary>
    public async Task<JsonObject> SubmitAsync(object manifest, CancellationToken cancellationToken) =>
        await ReadAsync(await http.PostAsJsonAsync("v1/packets", manifest, Json, cancellationToken), cancellationToken);

    /// <summary>The packet's status, as the gateway shows it to its own site.</summary>
    public async Task<JsonObject> StatusAsync(Guid packetId, CancellationToken cancellationToken) =>
        await ReadAsync(await http.GetAsync($"v1/packets/{packetId:D}", cancellationToken), cancellationToken);

    /// <summary>The packet's receipts written so far, and whether every document has one.</summary>
    public async Task<JsonObject> ReceiptsAsync(Guid packetId, CancellationToken cancellationToken) =>
        await ReadAsync(await http.GetAsync($"v1/packets/{packetId:D}/receipts", cancellationToken), cancellationToken);

    /// <inheritdoc />
    public void Dispose() => http.Dispose();

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonObject? body = null;
            try
            {
                body = JsonNode.Parse(text) as JsonObject;
            }
            catch (JsonException)
            {
                // Not JSON: reported below with the status.
            }

            if (response.IsSuccessStatusCode && body is not null)
            {
                return body;
            }

            throw new GatewayRefusedException(
                (int)response.StatusCode,
                body?["code"]?.GetValue<string>() ?? response.StatusCode.ToString(),
                PrintableText.Escape(body?["reason"]?.GetValue<string>() ?? text, 300));
        }
    }
}
