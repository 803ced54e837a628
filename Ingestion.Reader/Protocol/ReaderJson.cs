using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ingestion.Reader.Protocol;

/// <summary>The wire format of requests and responses: one compact JSON object per line, camelCase.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ReadRequest))]
[JsonSerializable(typeof(ReadResponse))]
public sealed partial class ReaderJson : JsonSerializerContext;
