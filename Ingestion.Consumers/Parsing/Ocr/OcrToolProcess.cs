using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Ingestion.Consumers.Parsing.Ocr;

/// <summary>
/// Runs one of the OCR command-line tools without a shell, streaming its standard output line by line and keeping
/// only the tail of its standard error. Cancellation kills the whole process tree.
/// </summary>
internal static class OcrToolProcess
{
    public const string InstallHint =
        "Install the Debian packages tesseract-ocr tesseract-ocr-eng poppler-utils (scripts/infra-up.sh installs them).";

    private const int StderrTailLines = 20;

    public static async Task RunAsync(
        string tool,
        string path,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string> environment,
        Action<string> onOutputLine,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var startInfo = new ProcessStartInfo(path)
        {
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

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
        throw new InvalidOperationException(
            $"{tool} exited with code {process.ExitCode}: {(tail.Length == 0 ? "(no error output)" : tail)}");
    }

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
