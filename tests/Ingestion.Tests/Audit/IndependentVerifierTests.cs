using System.Diagnostics;
using Ingestion.Audit.Checkpoints;
using Ingestion.Hosting;
using Ingestion.Lab.Ledger;
using Ingestion.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Tests.Audit;

/// <summary>
/// An inspector checks an export with no product code: <c>scripts/verify-export.py</c> (python3 and Debian's
/// python3-cryptography) recomputes every entry hash and the chain, the Merkle roots and the checkpoints' signatures
/// from the rules the README states, accepts a real export and refuses a copy with one byte of one entry changed.
/// </summary>
[TestFixture]
public sealed class IndependentVerifierTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private string _folder = null!;

    private string KeyPath => Path.Combine(_folder, "keys", "ledger-signing.pem");

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("ingestion-inspector-").FullName;

    [TearDown]
    public void DeleteFolder()
    {
        foreach (var file in Directory.EnumerateFiles(_folder, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task The_python_verifier_accepts_a_real_export_and_refuses_a_copy_with_one_byte_of_an_entry_changed()
    {
        var settings = new Dictionary<string, string?> { ["Ingestion:Audit:SigningKeyPath"] = KeyPath };
        await using var fleet = await Fleet.StartAsync(FleetRoles.None, overrides: settings);
        var bench = ActivatorUtilities.CreateInstance<LedgerBenchmark>(fleet.Services);
        var export = Path.Combine(_folder, "export");
        // Two exports, so that the export holds a closed segment and two checkpoints, each checked.
        await bench.FillAsync(23);
        Assert.That((await fleet.RunIngestAsync("audit", "export", export, "--segment-size", "10")).ExitCode, Is.Zero);
        await bench.FillAsync(14);
        var exported = await fleet.RunIngestAsync("audit", "export", export, "--segment-size", "10");
        Assert.That(exported.ExitCode, Is.Zero, exported.Output);

        var publicKey = LedgerSigningKey.PublicKeyPath(KeyPath);
        var accepted = await VerifyAsync(export, "--key", publicKey);
        Assert.That(accepted.ExitCode, Is.Zero, accepted.Output);
        Assert.That(accepted.Output, Does.StartWith("Export verifies: 37 entries in 4 segments").And.Contain("checkpoints 23, 37 signed by key"));

        var tampered = Path.Combine(_folder, "tampered");
        Directory.CreateDirectory(tampered);
        foreach (var file in Directory.EnumerateFiles(export))
        {
            await File.WriteAllBytesAsync(Path.Combine(tampered, Path.GetFileName(file)), await File.ReadAllBytesAsync(file));
        }

        // One byte of entry 35's canonical JSON, in the open segment (a closed one is also held by its SHA-256).
        var open = Path.Combine(tampered, "segment-000004.jsonl");
        var bytes = await File.ReadAllBytesAsync(open);
        Assert.That(bytes, Has.All.LessThan((byte)0x80), "ASCII: a character is a byte");
        var text = System.Text.Encoding.ASCII.GetString(bytes);
        var entry = text.IndexOf("{\"seq\":35,", StringComparison.Ordinal);
        var at = text.IndexOf("\\\"attempt\\\":", entry, StringComparison.Ordinal) + "\\\"attempt\\\":".Length;
        Assert.That(entry, Is.GreaterThan(0));
        Assert.That(bytes[at], Is.InRange((byte)'0', (byte)'8'));
        bytes[at]++;
        await File.WriteAllBytesAsync(open, bytes);

        var refused = await VerifyAsync(tampered, "--key", publicKey);
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.Output);
        Assert.That(refused.Output, Does.StartWith("Export does NOT verify: segment segment-000004.jsonl, seq 35: SHA-256(previous hash || canonical JSON) is not its entry hash"));
        Assert.That(refused.Output, Does.Contain("The 34 entries before it verify"));
    }

    private static async Task<(int ExitCode, string Output)> VerifyAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Script);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start python3.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Deadline);
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output + await errors);
    }

    // scripts/verify-export.py of the checkout the tests were built from: the test assembly sits in its bin folder.
    private static string Script
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                var script = Path.Combine(directory.FullName, "scripts", "verify-export.py");
                if (File.Exists(script))
                {
                    return script;
                }
            }

            throw new FileNotFoundException("scripts/verify-export.py not found above " + AppContext.BaseDirectory);
        }
    }
}
