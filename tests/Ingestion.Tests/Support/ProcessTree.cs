using System.Globalization;

namespace Ingestion.Tests.Support;

/// <summary>Processes as <c>/proc</c> shows them (Linux only, like the fleet's readers and OCR tools).</summary>
internal static class ProcessTree
{
    /// <summary>Every live descendant of <paramref name="pid"/> with its command name.</summary>
    public static IReadOnlyList<(int Pid, string Name)> Descendants(int pid)
    {
        var parents = new Dictionary<int, (int Parent, string Name)>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && Stat(id) is { } stat)
            {
                parents[id] = stat;
            }
        }

        var found = new List<(int, string)>();
        var frontier = new Queue<int>([pid]);
        while (frontier.TryDequeue(out var parent))
        {
            foreach (var (child, info) in parents.Where(p => p.Value.Parent == parent))
            {
                found.Add((child, info.Name));
                frontier.Enqueue(child);
            }
        }

        return found;
    }

    /// <summary>Whether a process with this id is alive (and not a zombie).</summary>
    public static bool IsAlive(int pid) => Stat(pid) is not null && State(pid) != 'Z';

    /// <summary>The effective user id of a live process.</summary>
    public static int? Uid(int pid) => Line(pid, "Uid:") is { } line ? int.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[2], CultureInfo.InvariantCulture) : null;

    /// <summary>The names of a live process's environment variables.</summary>
    public static IReadOnlyList<string> EnvironmentNames(int pid)
    {
        var environ = Read($"/proc/{pid}/environ");
        return environ is null ? [] : environ.Split('\0', StringSplitOptions.RemoveEmptyEntries).Select(v => v.Split('=')[0]).ToList();
    }

    /// <summary>The network namespace a process is in, for example <c>net:[4026531840]</c>.</summary>
    public static string? NetworkNamespace(int pid)
    {
        try
        {
            return new FileInfo($"/proc/{pid}/ns/net").LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static (int Parent, string Name)? Stat(int pid)
    {
        var stat = Read($"/proc/{pid}/stat");
        if (stat is null)
        {
            return null;
        }

        var open = stat.IndexOf('(', StringComparison.Ordinal);
        var close = stat.LastIndexOf(')');
        var fields = stat[(close + 2)..].Split(' ');
        return (int.Parse(fields[1], CultureInfo.InvariantCulture), stat[(open + 1)..close]);
    }

    private static char? State(int pid)
    {
        var stat = Read($"/proc/{pid}/stat");
        return stat is null ? null : stat[stat.LastIndexOf(')') + 2];
    }

    private static string? Line(int pid, string prefix) =>
        Read($"/proc/{pid}/status")?.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
