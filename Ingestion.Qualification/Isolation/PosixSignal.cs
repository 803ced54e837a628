using System.Runtime.InteropServices;

namespace Ingestion.Qualification.Isolation;

/// <summary>
/// SIGTERM for a child process: what a service manager sends to stop a worker, which lets it finish what it holds.
/// .NET itself only sends SIGKILL (<see cref="System.Diagnostics.Process.Kill()"/>).
/// </summary>
internal static class PosixSignal
{
    private const int SigTerm = 15;

    /// <summary>Asks the process to stop; false where the signal cannot be sent (Windows, or no C library to send it with).</summary>
    public static bool Terminate(int processId)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        try
        {
            return SendSignal(processId, SigTerm) == 0;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    // DllImport rather than LibraryImport: two ints need no marshalling, and LibraryImport would need unsafe code enabled.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int processId, int signal);
}
