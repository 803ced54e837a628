using System.Globalization;

namespace Ingestion.Reader;

/// <summary>
/// Ends the reader when the worker that started it is gone (its parent changes), even in the middle of a document: a
/// worker that died must not leave a reader burning CPU on a hostile file. A closed standard input ends an idle reader.
/// </summary>
internal static class ParentWatch
{
    public const int ExitOrphaned = 4;

    public static Timer Start()
    {
        var parent = ParentId();
        return new Timer(_ =>
        {
            if (ParentId() != parent)
            {
                Environment.Exit(ExitOrphaned);
            }
        }, null, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500));
    }

    // The fourth field of /proc/self/stat; the command name before it is in parentheses and may hold spaces.
    private static int ParentId()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
    }
}
