using Ingestion.Hosting;
using Ingestion.Persistence.Database;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ingestion.UnitTests.Hosting;

/// <summary>A change to any component's schema script comes with a new schema version, so that older workers are refused.</summary>
[TestFixture]
public sealed class SchemaVersionTests
{
    // The fingerprint of each version's scripts. When the test fails: raise SchemaVersion.Current, and record the new
    // version's fingerprint here (the old ones stay, as history).
    private static readonly Dictionary<int, string> Recorded = new()
    {
        [1] = "fe417e3089a13e471f1e3e70340d3450471c4a03390d836cd58425842db77515",
        [2] = "595654987604eed7201effedf916334d35ed8f5afdc00184e00e126a5790f2a9",
        [3] = "dcc9088f9f6487a9357435e5508e0c47b0697dfdaccda87ccf21aa939d080325",
    };

    [Test]
    public void The_schema_scripts_are_the_ones_recorded_for_the_current_schema_version()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.AddIngestion(FleetRoles.None);
        using var host = builder.Build();

        var fingerprint = SchemaVersion.Fingerprint(host.Services.GetServices<ISchemaScript>());

        Assert.That(
            fingerprint,
            Is.EqualTo(Recorded.GetValueOrDefault(SchemaVersion.Current)),
            Recorded.ContainsKey(SchemaVersion.Current)
                ? $"The schema scripts changed: raise SchemaVersion.Current to {SchemaVersion.Current + 1} and record {fingerprint} for it here."
                : $"Record {fingerprint} for schema version {SchemaVersion.Current} here.");
    }
}
