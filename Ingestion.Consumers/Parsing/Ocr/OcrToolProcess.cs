using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Ingestion.Consumers.Validation;
using Ingestion.Contracts;

namespace Ingestion.Consumers.Parsing.Ocr;

/// <summary>
/// Runs one of the OCR command-line tools without a shell, inside the reading sandbox (cleared environment, no network,
/// an unprivileged user, kernel limits), streaming its standard output line by line and keeping only the tail of its
/// standard error. Cancellation kills the whole process tree. A tool ended by a limit or a signal is a final outcome
/// for the document (<c>RESOURCE_LIMIT</c>, <c>PARSER_CRASH</c>), not a fault to retry.
/// </summary>
internal static class OcrToolProcess
{
    public const string InstallHint =
        "Install the Debian packages tesseract-ocr tesseract-ocr-eng poppler-utils (scripts/infra-up.sh installs them).";

    private const int StderrTailLines = 20;

    public static async Task RunAsync(
        string tool,
        ProcessStartInfo startInfo,
        ToolLimits limits,
        Action<string> onOutputLine,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        ArgumentNullException.ThrowIfNull(limits);
        cancellationToken.ThrowIfCancellationRequested();
        startInfo.RedirectStandardInput = false;
        startInfo.StandardOutputEncoding = Encoding.UTF8;
        startInfo.StandardErrorEncoding = Encoding.UTF8;
        var path = startInfo.FileName;
        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException($"Cannot start {tool} ('{path}'): {exception.Message}. {InstallHint}", exception);
        }

        // Killing closes the pipes, so the reads below end whether or not a pending pipe read honours a token.
        using var kill = cancellationToken.Register(() => KillTree(process));
        var stderrTail = ReadTailAsync(process.StandardError);
        string? line;
        while ((line = await process.StandardOutput.ReadLineAsync(CancellationToken.None)) is not null)
        {
            onOutputLine(line);
        }

        await process.WaitForExitAsync(CancellationToken.None);
        var tail = await stderrTail;
        if (process.ExitCode == 0)
        {
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var said = tail.Length == 0 ? "(no error output)" : tail;
        throw process.ExitCode switch
        {
            // prlimit, the last wrapper, could not exec the tool (126: not executable for the sandbox's user, 127: missing).
            126 or 127 when tail.Contains("failed to execute", StringComparison.Ordinal) => new InvalidOperationException($"Cannot start {tool}: {said}. {InstallHint}"),
            128 + 24 => new UnreadableDocumentException(ErrorCodes.ResourceLimit, $"cpu {limits.CpuSeconds} s: {tool} passed its CPU limit on this document (Ingestion:Reader:CpuSeconds)."),
            128 + 25 => new UnreadableDocumentException(ErrorCodes.ResourceLimit, $"file size {limits.FileMiB} MiB: {tool} tried to write a larger file (Ingestion:Reader:MaxFileMiB)."),
            _ when OutOfMemory(tail) => new UnreadableDocumentException(ErrorCodes.ResourceLimit, $"memory {limits.MemoryMiB} MiB: {tool} ran out of memory on this document (Ingestion:Reader:OcrMemoryMiB); it said: {said}"),
            > 128 => new UnreadableDocumentException(ErrorCodes.ParserCrash, $"{tool} crashed on this document (signal {process.ExitCode - 128}); it said: {said}"),
            _ => new UnreadableDocumentException(ErrorCodes.Malformed, $"{tool} could not read the document (exit code {process.ExitCode}): {said}"),
        };
    }

    private static bool OutOfMemory(string stderr) =>
        stderr.Contains("bad_alloc", StringComparison.Ordinal) || stderr.Contains("out of memory", StringComparison.OrdinalIgnoreCase)
        || stderr.Contains("Cannot allocate memory", StringComparison.Ordinal);

    private static async Task<string> ReadTailAsync(StreamReader stderr)
    {
        var tail = new Queue<string>(StderrTailLines);
        string? line;
        while ((line = await stderr.ReadLineAsync(CancellationToken.None)) is not null)
        {
            if (tail.Count == StderrTailLines)
            {
                tail.Dequeue();
            }

            tail.Enqueue(line);
        }

        return string.Join(Environment.NewLine, tail).Trim();
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception exception) when (exception is InvalidOperationException or Win32Exception)
        {
            // The process exited between the deadline and the kill: nothing is left to stop.
        }
    }
}
