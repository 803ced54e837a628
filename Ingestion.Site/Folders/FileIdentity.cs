using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Ingestion.Site.Folders;

/// <summary>
/// What a path or an open file is, without following a symbolic link: its type (regular file, folder, symbolic link,
/// device …), device and inode. Read with Linux's <c>statx</c>, whose structure is the same on every architecture;
/// .NET has no public way to tell a device or a FIFO from a regular file.
/// </summary>
internal readonly record struct FileIdentity(FileIdentity.Kind Type, ulong Device, ulong Inode, long Size)
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7ff;
    private const int StatxSize = 256;

    /// <summary>File types of <c>st_mode</c>.</summary>
    internal enum Kind
    {
        Other = 0,
        Fifo = 0x1000,
        CharacterDevice = 0x2000,
        Directory = 0x4000,
        BlockDevice = 0x6000,
        Regular = 0x8000,
        SymbolicLink = 0xA000,
        Socket = 0xC000,
    }

    /// <summary>The path itself (a link is reported as a link).</summary>
    public static FileIdentity OfPath(string path) => Read(AtFdCwd, path, AtSymlinkNoFollow, path);

    /// <summary>The file an open handle refers to.</summary>
    public static FileIdentity OfHandle(Microsoft.Win32.SafeHandles.SafeFileHandle handle, string pathForErrors)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            return Read((int)handle.DangerousGetHandle(), string.Empty, AtEmptyPath | AtSymlinkNoFollow, pathForErrors);
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    private static FileIdentity Read(int directory, string path, int flags, string pathForErrors)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("Checking packet files needs Linux (statx).");
        }

        var buffer = new byte[StatxSize];
        if (Statx(directory, path, flags, StatxBasicStats, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"Cannot inspect '{pathForErrors}': {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).");
        }

        // struct statx: stx_mode (u16) at 28, stx_ino (u64) at 32, stx_size (u64) at 40, stx_dev_major/minor (u32) at 136/140.
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(28));
        var inode = BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(32));
        var size = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(40));
        var device = ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(136)) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(140));
        var type = (Kind)(mode & 0xF000);
        return new FileIdentity(Enum.IsDefined(type) ? type : Kind.Other, device, inode, size);
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Statx(
        int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
}
