using System.Diagnostics;

namespace Ingestion.Tests.Support;

/// <summary>
/// A site's own machine, as far as the network goes: a network namespace joined to this host by a veth pair on a /30 of
/// documentation space that no real host owns (TEST-NET-2 or TEST-NET-3; this machine's own network may be TEST-NET-1,
/// so a /30 that overlaps any address or route here is skipped). The host side is <see cref="HostAddress"/>; inside, the
/// only other address is the namespace's own, so a process there reaches nothing of the fleet but what listens on
/// <see cref="HostAddress"/>. Made only as root with <c>ip netns</c>; <see cref="TryCreate"/> says why not otherwise.
/// </summary>
internal sealed class NetworkNamespace : IDisposable
{
    private static readonly string[] Subnets = ["198.51.100", "203.0.113"];

    private NetworkNamespace(string name, string subnet)
    {
        Name = name;
        HostAddress = $"{subnet}.1";
        SiteAddress = $"{subnet}.2";
    }

    public string Name { get; }

    public string HostAddress { get; }

    public string SiteAddress { get; }

    public static NetworkNamespace? TryCreate(out string? whyNot)
    {
        whyNot = null;
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            whyNot = "needs root on Linux to create a network namespace";
            return null;
        }

        var taken = Output(["-o", "addr", "show"]) + Output(["route", "show", "table", "all"]);
        var subnet = Subnets.FirstOrDefault(s => !taken.Contains(s + ".", StringComparison.Ordinal));
        if (subnet is null)
        {
            whyNot = "every documentation /30 candidate overlaps an address or route of this machine";
            return null;
        }

        var suffix = Guid.NewGuid().ToString("N")[..6];
        var space = new NetworkNamespace($"ingsite-{suffix}", subnet);
        var (host, site) = ($"igw{suffix}", $"isite{suffix}");
        string[][] steps =
        [
            ["netns", "add", space.Name],
            ["link", "add", host, "type", "veth", "peer", "name", site],
            ["link", "set", site, "netns", space.Name],
            ["addr", "add", $"{space.HostAddress}/30", "dev", host],
            ["link", "set", host, "up"],
            ["netns", "exec", space.Name, "ip", "addr", "add", $"{space.SiteAddress}/30", "dev", site],
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

    private static string Output(string[] arguments)
    {
        var info = new ProcessStartInfo("ip") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return string.Empty;
        }
    }

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
