using System.Runtime.CompilerServices;
using System.Text;

namespace Ingestion.Consumers.Parsing;

/// <summary>
/// A text's lines, each cut at a length: a file of one giant line (SECURITY-REVIEW M4) costs a buffer, not its size in memory.
/// </summary>
internal static class BoundedLines
{
    public static async IAsyncEnumerable<string> ReadAsync(TextReader reader, int maxChars, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var buffer = new char[1 << 14];
        var line = new StringBuilder();
        var dropping = false;
        var pendingReturn = false;
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(), cancellationToken)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                var c = buffer[i];
                if (pendingReturn && c == '\n')
                {
                    pendingReturn = false;
                    continue;
                }

                pendingReturn = false;
                if (c is '\n' or '\r')
                {
                    pendingReturn = c == '\r';
                    yield return line.ToString();
                    line.Clear();
                    dropping = false;
                    continue;
                }

                if (dropping)
                {
                    continue;
                }

                if (line.Length >= maxChars)
                {
                    dropping = true;
                    continue;
                }

                line.Append(c);
            }
        }

        if (line.Length > 0 || dropping)
        {
            yield return line.ToString();
        }
    }
}
