using System.Text.Json;
using Ingestion.Qualification.Runbook;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Validation;

[TestFixture]
public sealed class RunbookTests
{
    [Test]
    public async Task The_runbook_writes_a_markdown_and_json_report_whose_verdicts_match_its_own_figures()
    {
        var output = Directory.CreateTempSubdirectory("ingestion-runbook-").FullName;
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        try
        {
            var report = await RunbookRunner.RunAsync(
                TestValidationEnvironment.Create(TestContext.Out),
                new RunbookOptions
                {
                    ReportDirectory = output,
                    Documents = 12,
                    BackpressureDocuments = 24,
                    ReplayWorkers = [1, 2],
                    OutageWait = TimeSpan.FromSeconds(40),
                    SettleTimeout = TimeSpan.FromMinutes(3),
                },
                deadline.Token);
            var (markdown, json) = RunbookReportWriter.Write(report, output);

            Assert.That(report.Checkpoints.Select(c => c.Id), Is.EqualTo(RunbookOptions.CheckpointIds));
            var byId = report.Checkpoints.ToDictionary(c => c.Id);
            var explain = string.Join(Environment.NewLine, report.Checkpoints.Select(c => $"{c.Id}: {c.Verdict} {c.Summary} {string.Join(" / ", c.Findings)}"));
            Assert.That(byId["deterministic-replay"].Verdict, Is.EqualTo(CheckpointVerdict.Passed), explain);
            Assert.That(byId["schema-drift"].Verdict, Is.EqualTo(CheckpointVerdict.Passed), explain);
            Assert.That(byId["schema-drift"].Summary, Does.Contain(" deprecated, 9 retired)").And.Contain("SCHEMA_DEPRECATED"));
            Assert.That(byId["audit-reconstruction"].Verdict, Is.EqualTo(CheckpointVerdict.Passed), explain);

            // The breaker drill passes only if its own audit-trail figure says the breaker opened within 30 s.
            var backpressure = byId["backpressure"];
            var opened = backpressure.Figures.Single(f => f.Key == "throttle to first CIRCUIT_OPENED (audit trail)").Value;
            var openedInTime = opened != "none" && double.Parse(opened.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) <= 30;
            Assert.That(backpressure.Verdict == CheckpointVerdict.Passed, Is.EqualTo(openedInTime), explain);
            Assert.That(backpressure.Figures.Single(f => f.Key == "documents settled after the lift").Value, Does.StartWith("24 of 24"), explain);
            Assert.That(report.Passed, Is.EqualTo(report.Checkpoints.All(c => c.Verdict == CheckpointVerdict.Passed)));

            using var written = JsonDocument.Parse(await File.ReadAllTextAsync(json));
            var verdicts = written.RootElement.GetProperty("checkpoints").EnumerateArray().Select(c => c.GetProperty("verdict").GetString()).ToList();
            Assert.That(verdicts, Is.EqualTo(report.Checkpoints.Select(c => RunbookReportWriter.Label(c.Verdict))));
            var text = await File.ReadAllTextAsync(markdown);
            Assert.That(text, Does.StartWith("# Validation runbook"));
            foreach (var checkpoint in report.Checkpoints)
            {
                Assert.That(text, Does.Contain($"## {checkpoint.Title}: {RunbookReportWriter.Label(checkpoint.Verdict)}"));
            }
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
