using Ingestion.Lab.Report;

namespace Ingestion.UnitTests.Lab;

public sealed class BenchFiguresTests
{
    [Test]
    public void Percentiles_are_nearest_rank_values_that_were_observed()
    {
        var distribution = Distribution.Of(Enumerable.Range(1, 200).Select(i => (double)i).Reverse());

        Assert.Multiple(() =>
        {
            Assert.That(distribution.P50, Is.EqualTo(100));
            Assert.That(distribution.P95, Is.EqualTo(190));
            Assert.That(distribution.P99, Is.EqualTo(198));
            Assert.That(distribution.Max, Is.EqualTo(200));
            Assert.That(distribution.Mean, Is.EqualTo(100.5));
        });
    }

    [Test]
    public void Stage_work_is_the_mean_over_every_worker_and_outcome_of_the_stage_duration_histogram()
    {
        const string WorkerOne = """
            # TYPE ingestion_stage_duration_milliseconds histogram
            ingestion_stage_duration_milliseconds_bucket{otel_scope_name="Ingestion",outcome="passed",stage="validate",le="5"} 3 1700000000000
            ingestion_stage_duration_milliseconds_sum{otel_scope_name="Ingestion",outcome="passed",stage="validate"} 30 1700000000000
            ingestion_stage_duration_milliseconds_count{otel_scope_name="Ingestion",outcome="passed",stage="validate"} 3 1700000000000
            ingestion_stage_duration_milliseconds_sum{otel_scope_name="Ingestion",outcome="refused",stage="validate"} 10 1700000000000
            ingestion_stage_duration_milliseconds_count{otel_scope_name="Ingestion",outcome="refused",stage="validate"} 1 1700000000000
            """;
        const string WorkerTwo = """
            ingestion_stage_duration_milliseconds_sum{otel_scope_name="Ingestion",outcome="archived",stage="archive"} 12.5 1700000000000
            ingestion_stage_duration_milliseconds_count{otel_scope_name="Ingestion",outcome="archived",stage="archive"} 5 1700000000000
            """;

        var work = StageWork.MeanMilliseconds([WorkerOne, WorkerTwo]);

        Assert.That(work, Is.EquivalentTo(new Dictionary<string, double> { ["validate"] = 10, ["archive"] = 2.5 }));
    }
}
