using System.Diagnostics;
using System.Net;
using Ingestion.Contracts;
using Ingestion.Site.Client;
using Ingestion.Site.Registry;
using Ingestion.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ingestion.Tests.Gateway;

/// <summary>
/// One fleet (every role, in process), one real <c>ingest gateway</c> process over HTTPS on loopback, and when this
/// machine allows it a site machine in a network namespace that reaches the gateway on a documentation-space address. Sites A and B are
/// registered; their tokens sit in files only their owner can read.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public abstract class SiteGatewayFixture
{
    protected const string SiteA = "US-BOS-001";
    protected const string SiteB = "DE-BER-002";
    protected const int MaxDocuments = 12;
    protected const long MaxFileBytes = 4L * 1024 * 1024;
    protected static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    private string? _noOtherMachine;

    /// <summary>The gateway's loopback port; the site machine reaches it on the next one (ports 8711-8719 are this suite's).</summary>
    protected abstract int Port { get; }

    /// <summary>Whether the fixture's tests need a site machine of their own.</summary>
    protected virtual bool WantsOtherMachine => false;

    internal Fleet Fleet { get; private set; } = null!;

    internal GatewayProcess Gateway { get; private set; } = null!;

    internal GatewayPki Pki { get; private set; } = null!;

    internal NetworkNamespace? OtherMachine { get; private set; }

    protected string Folder { get; private set; } = null!;

    protected string TokenA { get; private set; } = null!;

    protected string TokenB { get; private set; } = null!;

    protected string WhyNoOtherMachine => _noOtherMachine ?? "it exists";

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Folder = Directory.CreateTempSubdirectory("ingestion-gateway-").FullName;
        Fleet = await Support.Fleet.StartAsync(overrides: new Dictionary<string, string?>
        {
            ["Ingestion:Receipts:Root"] = Path.Combine(Folder, "receipts"),
            ["Ingestion:Audit:SigningKeyPath"] = Path.Combine(Folder, "keys", "ledger-signing.pem"),
        });
        OtherMachine = WantsOtherMachine ? NetworkNamespace.TryCreate(out _noOtherMachine) : null;
        var urls = $"https://127.0.0.1:{Port}" + (OtherMachine is null ? string.Empty : $";https://{OtherMachine.HostAddress}:{Port + 1}");
        Pki = GatewayPki.Create(
            Path.Combine(Folder, "pki"), [IPAddress.Loopback, .. OtherMachine is null ? Array.Empty<IPAddress>() : [IPAddress.Parse(OtherMachine.HostAddress)]]);
        Gateway = await GatewayProcess.StartAsync(Fleet, Pki, urls, new Dictionary<string, string?>
        {
            ["Ingestion:Intake:MaxDocumentsPerPacket"] = MaxDocuments.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Ingestion:Intake:MaxFileBytes"] = MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        TokenA = await AddSiteAsync(SiteA);
        TokenB = await AddSiteAsync(SiteB);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await Gateway.DisposeAsync();
        OtherMachine?.Dispose();
        await Fleet.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>Adds a site as an operator would; returns the file holding its token (mode 0600).</summary>
    protected async Task<string> AddSiteAsync(string siteId)
    {
        var token = await Registry.AddAsync(siteId, Operator);
        return WriteToken(siteId, token);
    }

    protected string WriteToken(string name, string token)
    {
        var path = Path.Combine(Folder, $"{name}-{Guid.NewGuid():N}.token");
        File.WriteAllText(path, token + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    internal SiteRegistry Registry => Fleet.Services.GetRequiredService<SiteRegistry>();

    internal static AuditActor Operator => new() { WorkerId = "operator:test", Host = Environment.MachineName, ProcessId = Environment.ProcessId };

    /// <summary>A client of the gateway holding the given token file and nothing else.</summary>
    internal GatewayClient ClientFor(string tokenFile) =>
        new(GatewayConnection.Load(Gateway.Address.ToString(), tokenFile, Pki.CaPath).CreateClient());

    /// <summary>
    /// Runs an <c>ingest</c> command as a site would: a process whose environment holds nothing of the fleet (no broker,
    /// database or content-store setting), only what the .NET runtime needs.
    /// </summary>
    protected static async Task<(int ExitCode, string Output)> RunAsSiteAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment.Clear();
        foreach (var (key, value) in SiteEnvironment())
        {
            info.Environment[key] = value;
        }

        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ingest.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return await RunAsync(info);
    }

    internal static Dictionary<string, string> SiteEnvironment() => new()
    {
        ["PATH"] = "/usr/local/bin:/usr/bin:/bin",
        ["HOME"] = Path.GetTempPath(),
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
    };

    internal static async Task<(int ExitCode, string Output)> RunAsync(ProcessStartInfo info)
    {
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }

    /// <summary>Every refusal on the record, oldest first.</summary>
    internal async Task<List<Refusal>> RefusalsAsync()
    {
        await using var connection = await Fleet.OpenDatabaseAsync();
        await using var query = new NpgsqlCommand(
            "SELECT stage, site_id, claimed_site_id, packet_id, code, reason FROM submission_refusals ORDER BY refused_at, refusal_id", connection);
        var refusals = new List<Refusal>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            refusals.Add(new Refusal(
                reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetGuid(3),
                reader.GetString(4), reader.GetString(5)));
        }

        return refusals;
    }

    /// <summary>How many rows a query counts.</summary>
    internal async Task<long> CountAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await Fleet.OpenDatabaseAsync();
        await using var query = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            query.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(await query.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    internal sealed record Refusal(string Stage, string SiteId, string? ClaimedSiteId, Guid? PacketId, string Code, string Reason);
}
