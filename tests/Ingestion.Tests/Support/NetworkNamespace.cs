using System.Diagnostics;

namespace Ingestion.Tests.Support;

/// <summary>
/// A site's own machine, as far as the network goes: a network namespace joined to this host by a veth pair on a /30 of
/// TEST-NET-1 (192.0.2.0/24, documentation space no real host owns). The host side is <see cref="HostAddress"/>; inside,
/// the only other address is the namespace's own, so a process there reaches nothing of the fleet but what listens on
/// <see cref="HostAddress"/>. Made only as root with <c>ip netns</c>; <see cref="TryCreate"/> says why not otherwise.
/// </summary>
internal sealed class NetworkNamespace : IDisposable
{
    public const string HostAddress = "192.0.2.1";
    public const string SiteAddress = "192.0.2.2";

    private NetworkNamespace(string name) => Name = name;

    public string Name { get; }

    public static NetworkNamespace? TryCreate(out string? whyNot)
    {
        whyNot = null;
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            whyNot = "needs root on Linux to create a network namespace";
            return null;
        }

        var suffix = Guid.NewGuid().ToString("N")[..6];
        var space = new NetworkNamespace($"ingsite-{suffix}");
        var (host, site) = ($"igw{suffix}", $"isite{suffix}");
        string[][] steps =
        [
            ["netns", "add", space.Name],
            ["link", "add", host, "type", "veth", "peer", "name", site],
            ["link", "set", site, "netns", space.Name],
            ["addr", "add", $"{HostAddress}/30", "dev", host],
            ["link", "set", host, "up"],
            ["netns", "exec", space.Name, "ip", "addr", "add", $"{SiteAddress}/30", "dev", site],
            ["netns", "exec", space.Name, "ip", "link", "set", site, "up"],
            ["netns", "exec", space.Name, "ip", "link", "set", "lo", "up"],
        ];
        foreach (var step in steps)
        {
            if (Ip(step) is { } error)
            {
                whyNot = $"'ip {string.Join(' ', step)}' failed: {error}";
                Ip(["link", "del", host]);
                space.Dispose();
                return null;
            }
        }

        return space;
    }

    /// <summary>A process to run inside the namespace with an empty environment but <paramref name="environment"/>.</summary>
    public ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment, params string[] command)
    {
        var info = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "netns", "exec", Name, "env", "-i" }
                     .Concat(environment.Select(e => $"{e.Key}={e.Value}"))
                     .Concat(command))
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    public void Dispose() => Ip(["netns", "del", Name]);

    private static string? Ip(string[] arguments)
    {
        var info = new ProcessStartInfo("ip") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(info)!;
            var error = process.StandardError.ReadToEnd();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : error.Trim();
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return exception.Message;
        }
    }
}
