using System.Diagnostics.CodeAnalysis;
using System.Text;
using Ingestion.Audit.Export;

namespace Ingestion.Host.Cli.Invocation;

/// <summary>
/// Standard output and error of a command: what it prints (ids, names, reasons, field values, message headers) comes in
/// part from sites and from dead letters, so every control and bidi character but the line feed and the tab is written
/// as <c>\u{XXXX}</c> (SECURITY-REVIEW M8). JSON output is unchanged: the serializer already escapes those characters.
/// </summary>
internal sealed class TerminalSafeWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    [AllowNull]
    public override string NewLine
    {
        get => inner.NewLine;
        set => inner.NewLine = value;
    }

    /// <summary>Wraps the console's writers for a command that prints for a person.</summary>
    public static void Install()
    {
        Console.SetOut(new TerminalSafeWriter(Console.Out));
        Console.SetError(new TerminalSafeWriter(Console.Error));
    }

    public override void Write(char value) => inner.Write(SafeCell.ForTerminal(value.ToString(), keepLineFeeds: true));

    public override void Write(string? value)
    {
        if (value is not null)
        {
            inner.Write(SafeCell.ForTerminal(value, keepLineFeeds: true));
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value)
    {
        Write(value);
        inner.Write(inner.NewLine);
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync() => inner.FlushAsync();
}
