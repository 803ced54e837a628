namespace Ingestion.Consumers.Reading;

/// <summary>The kernel limits a contained child starts with (prlimit); null leaves a limit as the worker's.</summary>
/// <param name="CpuSeconds">RLIMIT_CPU: SIGXCPU, then SIGKILL.</param>
/// <param name="AddressSpaceBytes">RLIMIT_AS: allocations past it fail.</param>
/// <param name="FileSizeBytes">RLIMIT_FSIZE: a write past it fails with SIGXFSZ.</param>
internal sealed record ChildLimits(long? CpuSeconds, long? AddressSpaceBytes, long? FileSizeBytes);
