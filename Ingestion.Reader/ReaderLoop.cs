using System.Text;
using System.Text.Json;
using Ingestion.Reader.Protocol;
using Ingestion.Reader.Reading;

namespace Ingestion.Reader;

/// <summary>
/// Reads requests from standard input, one JSON line each, and answers each with one JSON line on standard output,
/// until standard input closes. A process that ran out of memory answers and exits, so that its parent starts a clean one.
/// </summary>
internal static class ReaderLoop
{
    public const int ExitOutOfMemory = 3;
    private const int MaxRequestBytes = 64 * 1024;

    public static int Run(Stream input, Stream output)
    {
        using var orphanWatch = ParentWatch.Start();
        using var requests = new StreamReader(input, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, MaxRequestBytes);
        while (requests.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            ReadResponse response;
            var exitAfter = false;
            try
            {
                response = Answer(line);
            }
            catch (OutOfMemoryException)
            {
                response = new ReadResponse { Failure = new ReadFailure(ReadFailureCodes.ResourceLimit, "Reading the document ran out of the reader's memory.", "memory") };
                exitAfter = true;
            }

            JsonSerializer.Serialize(output, response, ReaderJson.Default.ReadResponse);
            output.WriteByte((byte)'\n');
            output.Flush();
            if (exitAfter)
            {
                return ExitOutOfMemory;
            }
        }

        return 0;
    }

    private static ReadResponse Answer(string line)
    {
        ReadRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(line, ReaderJson.Default.ReadRequest);
        }
        catch (JsonException exception)
        {
            return new ReadResponse { Failure = new ReadFailure(ReadFailureCodes.BadRequest, exception.Message) };
        }

        if (request is null || string.IsNullOrEmpty(request.Path))
        {
            return new ReadResponse { Failure = new ReadFailure(ReadFailureCodes.BadRequest, "A request without a path.") };
        }

        // The serializer leaves a member the request left out null, whatever its initializer says.
        return DocumentReading.Read(request with
        {
            Limits = request.Limits ?? new ReadLimits(),
            SkipPagesWhenInformationHas = request.SkipPagesWhenInformationHas ?? [],
        });
    }
}
