using Ingestion.Host.Cli.Invocation;
using Ingestion.Qualification.Replay;
using Ingestion.Samples.Replay;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Validation;

[TestFixture]
public sealed class ReplayTests
{
    [Test]
    public async Task Two_runs_of_a_40_document_dataset_with_one_and_two_worker_processes_give_the_same_outcome_digest()
    {
        var root = Directory.CreateTempSubdirectory("ingestion-replay-").FullName;
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            ReplayDataset.Write(Path.Combine(root, "dataset"), seed: 7, documents: 40);
            var dataset = ReplayDatasetFolder.Open(Path.Combine(root, "dataset"));

            var report = await ReplayRunner.RunAsync(
                TestValidationEnvironment.Create(TestContext.Out),
                dataset,
                new ReplayOptions { Runs = 2, Workers = [1, 2], RunTimeout = TimeSpan.FromMinutes(2) },
                deadline.Token);

            Assert.That(report.Runs, Has.Count.EqualTo(2));
            Assert.That(report.Runs.Select(r => r.Workers), Is.EqualTo(new[] { 1, 2 }));
            Assert.That(report.Runs.Select(r => r.Records.Count), Is.All.EqualTo(40));
            Assert.That(report.Identical, Is.True, string.Join(Environment.NewLine, report.Differences));
            Assert.That(report.Runs[0].Outcomes.Keys, Has.Some.StartsWith("REJECTED SCHEMA_DEPRECATED").Or.Some.StartsWith("REJECTED"), "the dataset holds rejections");
            Assert.That(report.Runs[0].Records.SelectMany(r => r.Transitions), Is.Not.Empty);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [TestCase("replay --dataset /nonexistent/dataset", "does not exist", ExitCodes.CheckFailed)]
    [TestCase("replay --dataset /tmp --runs 1", "--runs must be at least 2", ExitCodes.Usage)]
    [TestCase("replay --dataset /tmp --compare-workers 1,x", "'x' is not", ExitCodes.Usage)]
    [TestCase("runbook --out /tmp/ingestion-runbook-bad --documents 2", "--documents must be at least 6", ExitCodes.Usage)]
    [TestCase("samples --dataset /tmp/ingestion-bad-dataset --documents 0", "--documents must be at least 6", ExitCodes.Usage)]
    [TestCase("replay --dataset", "Required argument missing", ExitCodes.Usage)]
    public async Task Bad_input_to_the_validation_commands_is_refused_with_a_clear_message_and_its_exit_code(string arguments, string message, int exitCode)
    {
        var result = await Fleet.Ingest.RunAsync(arguments.Split(' '), new Dictionary<string, string?>(), TimeSpan.FromSeconds(60));

        Assert.That(result.ExitCode, Is.EqualTo(exitCode));
        Assert.That(result.Output, Does.Contain(message).And.Not.Contain("Unhandled exception"));
    }

    [Test]
    public void The_same_dataset_seed_writes_the_same_bytes_and_the_checksums_catch_a_changed_file()
    {
        var root = Directory.CreateTempSubdirectory("ingestion-dataset-").FullName;
        try
        {
            ReplayDataset.Write(Path.Combine(root, "a"), seed: 11, documents: 24);
            ReplayDataset.Write(Path.Combine(root, "b"), seed: 11, documents: 24);
            var checksums = File.ReadAllText(Path.Combine(root, "a", DatasetChecksums.FileName));

            Assert.That(File.ReadAllText(Path.Combine(root, "b", DatasetChecksums.FileName)), Is.EqualTo(checksums));
            Assert.That(DatasetChecksums.Difference(Path.Combine(root, "b"), checksums), Is.Null);
            var file = Directory.EnumerateFiles(Path.Combine(root, "b", "US-BOS-001"), "*.pdf").Order(StringComparer.Ordinal).First();
            File.AppendAllText(file, " ");
            Assert.That(DatasetChecksums.Difference(Path.Combine(root, "b"), checksums), Does.Contain(Path.GetFileName(file)));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
