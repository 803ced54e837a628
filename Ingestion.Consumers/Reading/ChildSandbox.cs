using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingestion.Consumers.Reading;

/// <summary>
/// How a contained child is started: a cleared environment (none of the fleet's settings or secrets), its own network
/// namespace with no interface but loopback (<c>unshare --net</c>, or with a user namespace when the worker is not root),
/// an unprivileged user when the worker is root (<c>setpriv</c>, no capabilities, no new privileges) and kernel limits
/// (<c>prlimit</c>). Each wrapper execs the next, so the process started is the tool itself: killing it kills the tool.
/// Network isolation is probed once; where the kernel refuses it the children run without it and the worker says so.
/// </summary>
internal sealed class ChildSandbox
{
    private const string Unshare = "/usr/bin/unshare";
    private const string Setpriv = "/usr/bin/setpriv";
    private const string Prlimit = "/usr/bin/prlimit";
    private readonly ReaderOptions _options;
    private readonly Lazy<IReadOnlyList<string>> _network;

    public ChildSandbox(IOptions<ReaderOptions> options, ILogger<ChildSandbox> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        IsRoot = SandboxUser.CurrentUid() == 0;
        User = IsRoot ? SandboxUser.Find(_options.RunAsUser) : null;
        if (IsRoot && !string.IsNullOrWhiteSpace(_options.RunAsUser) && User is null)
        {
            throw new InvalidOperationException(
                $"{ReaderOptions.Section}:RunAsUser names '{_options.RunAsUser}', which is not in /etc/passwd; the worker runs as root and will not run document readers as root.");
        }

        _network = new Lazy<IReadOnlyList<string>>(() => ProbeNetworkIsolation(logger));
    }

    /// <summary>Whether the worker runs as root.</summary>
    public bool IsRoot { get; }

    /// <summary>Who the children run as when the worker is root; null when they run as the worker's user.</summary>
    public SandboxUser? User { get; }

    /// <summary>Whether the children get a network namespace of their own.</summary>
    public bool NetworkIsolated => _network.Value.Count > 0;

    /// <summary>The start information for <paramref name="executable"/> inside the sandbox.</summary>
    public ProcessStartInfo StartInfo(string executable, IEnumerable<string> arguments, ChildLimits limits, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(environment);
        var command = new List<string>();
        command.AddRange(_network.Value);
        if (User is { } user)
        {
            command.AddRange([Setpriv, $"--reuid={user.Uid}", $"--regid={user.Gid}", "--clear-groups", "--inh-caps=-all", "--no-new-privs", "--"]);
        }

        command.AddRange([Prlimit, "--core=0"]);
        if (limits.CpuSeconds is { } cpu)
        {
            command.Add(string.Create(CultureInfo.InvariantCulture, $"--cpu={cpu}"));
        }

        if (limits.AddressSpaceBytes is { } addressSpace)
        {
            command.Add(string.Create(CultureInfo.InvariantCulture, $"--as={addressSpace}"));
        }

        if (limits.FileSizeBytes is { } fileSize)
        {
            command.Add(string.Create(CultureInfo.InvariantCulture, $"--fsize={fileSize}"));
        }

        command.Add("--");
        command.Add(executable);
        command.AddRange(arguments);

        var info = new ProcessStartInfo(command[0])
        {
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in command.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        // Nothing of the worker's environment: its connection strings and passwords stay in the worker.
        info.Environment.Clear();
        info.Environment["PATH"] = "/usr/local/bin:/usr/bin:/bin";
        info.Environment["LANG"] = "C.UTF-8";
        info.Environment["HOME"] = "/nonexistent";
        info.Environment["TMPDIR"] = Path.GetTempPath();
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return info;
    }

    /// <summary>Gives a file or folder the worker made to the user the children run as.</summary>
    public void HandOver(string path)
    {
        if (User is { } user && Chown(path, user.Uid, user.Gid) != 0)
        {
            throw new IOException($"Cannot hand '{path}' to user {user.Name} (chown failed, errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}).");
        }
    }

    private IReadOnlyList<string> ProbeNetworkIsolation(ILogger logger)
    {
        if (!_options.IsolateNetwork)
        {
            logger.LogWarning("{Section}:IsolateNetwork is off: document readers and OCR tools can reach the network", ReaderOptions.Section);
            return [];
        }

        IReadOnlyList<string>[] candidates = IsRoot
            ? [[Unshare, "--net", "--"], [Unshare, "--user", "--map-root-user", "--net", "--"]]
            : [[Unshare, "--user", "--map-current-user", "--net", "--"], [Unshare, "--user", "--map-root-user", "--net", "--"]];
        foreach (var candidate in candidates)
        {
            if (Succeeds(candidate))
            {
                return candidate;
            }
        }

        logger.LogWarning(
            "This kernel refuses a network namespace to this user ({Command} failed): document readers and OCR tools run without network isolation",
            string.Join(' ', candidates[0]));
        return [];
    }

    private static bool Succeeds(IReadOnlyList<string> prefix)
    {
        try
        {
            var info = new ProcessStartInfo(prefix[0]) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var argument in prefix.Skip(1))
            {
                info.ArgumentList.Add(argument);
            }

            info.ArgumentList.Add("/bin/true");
            using var probe = Process.Start(info)!;
            probe.WaitForExit(10_000);
            return probe.HasExited && probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "chown", SetLastError = true)]
    [System.Runtime.InteropServices.DefaultDllImportSearchPaths(System.Runtime.InteropServices.DllImportSearchPath.SafeDirectories)]
#pragma warning disable CA2101, SYSLIB1054 // A path of ASCII and UTF-8 for a one-line libc call; marshalling as UTF-8 is what Linux expects.
    private static extern int Chown([System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string path, int owner, int group);
#pragma warning restore CA2101, SYSLIB1054
}
