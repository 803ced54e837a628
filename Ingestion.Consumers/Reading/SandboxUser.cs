using System.Globalization;

namespace Ingestion.Consumers.Reading;

/// <summary>A user from <c>/etc/passwd</c>, by name: who contained children run as when the worker is root.</summary>
internal sealed record SandboxUser(string Name, int Uid, int Gid)
{
    public static SandboxUser? Find(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || !File.Exists("/etc/passwd"))
        {
            return null;
        }

        foreach (var line in File.ReadLines("/etc/passwd"))
        {
            var fields = line.Split(':');
            if (fields.Length >= 4 && fields[0] == name
                && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
                && int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var gid))
            {
                return new SandboxUser(name, uid, gid);
            }
        }

        return null;
    }

    /// <summary>The effective user id of this process, from <c>/proc/self/status</c>.</summary>
    public static int CurrentUid()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("Uid:", StringComparison.Ordinal))
            {
                return int.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[2], CultureInfo.InvariantCulture);
            }
        }

        return -1;
    }
}
