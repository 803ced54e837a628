using Ingestion.Consumers.Reading;
using Ingestion.Samples;
using Ingestion.Samples.Pdf;
using Ingestion.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ingestion.Tests.Reading;

/// <summary>SECURITY-REVIEW M9: what a contained reader can see and do.</summary>
[TestFixture]
public sealed class ReaderSandboxTests
{
    [Test]
    public async Task The_reader_runs_without_the_fleets_settings_or_secrets_as_an_unprivileged_user_in_a_network_namespace_of_its_own()
    {
        await using var fleet = await Fleet.StartAsync();
        var samples = Directory.CreateTempSubdirectory("ingestion-sandbox-");
        try
        {
            var folder = PdfPacketWriter.WritePacket(samples.FullName, SamplePacketWriter.DemoSites[1], [PdfVariant.BornDigital], seed: 17);
            var packet = await fleet.SubmitAsync(folder, SamplePacketWriter.DemoSites[1].SiteId);
            await fleet.WaitForPacketsAsync(TimeSpan.FromMinutes(3), packet.PacketId);
        }
        finally
        {
            samples.Delete(recursive: true);
        }

        var reader = fleet.Services.GetRequiredService<ReaderPool>().LiveProcessIds[0];
        var variables = ProcessTree.EnvironmentNames(reader);
        Assert.That(Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(Secret), Is.Not.Empty, "the test process itself has the fleet's settings");
        Assert.That(variables.Where(Secret), Is.Empty, $"the reader's environment: {string.Join(", ", variables)}");
        if (Environment.UserName == "root")
        {
            Assert.That(ProcessTree.Uid(reader), Is.Not.Zero, "the reader does not run as root");
        }

        Assert.That(ProcessTree.NetworkNamespace(reader), Is.Not.EqualTo(ProcessTree.NetworkNamespace(Environment.ProcessId)), "the reader has a network of its own");
    }

    [Test]
    public async Task A_contained_child_cannot_reach_the_broker_that_the_worker_reaches()
    {
        var sandbox = new ChildSandbox(Options.Create(new ReaderOptions()), NullLogger<ChildSandbox>.Instance);
        var probe = $"exec 3<>/dev/tcp/{TestEnvironment.RabbitHost}/{TestEnvironment.RabbitPort} && echo connected";

        var outside = await RunAsync(new System.Diagnostics.ProcessStartInfo("/bin/bash", ["-c", probe]) { RedirectStandardOutput = true, RedirectStandardError = true });
        var inside = await RunAsync(sandbox.StartInfo("/bin/bash", ["-c", probe], new ChildLimits(10, null, null), new Dictionary<string, string>()));

        Assert.That(outside, Does.Contain("connected"), "the broker is reachable from the worker");
        Assert.That(inside, Does.Not.Contain("connected"), "but not from inside the sandbox");
    }

    private static bool Secret(string name) =>
        name.StartsWith("Ingestion__", StringComparison.OrdinalIgnoreCase) || name.StartsWith("INGESTION_", StringComparison.OrdinalIgnoreCase)
        || name.Contains("PASSWORD", StringComparison.OrdinalIgnoreCase) || name.Contains("CONNECTION", StringComparison.OrdinalIgnoreCase);

    private static async Task<string> RunAsync(System.Diagnostics.ProcessStartInfo info)
    {
        info.RedirectStandardInput = false;
        using var process = System.Diagnostics.Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output + errors;
    }
}
