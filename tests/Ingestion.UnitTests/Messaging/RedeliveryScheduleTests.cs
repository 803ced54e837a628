using Ingestion.Messaging.Redelivery;
using Microsoft.Extensions.Options;

namespace Ingestion.UnitTests.Messaging;

/// <summary>How long a redelivered message waits, and where: <c>&lt;queue&gt;_wait_&lt;delay&gt;ms</c>.</summary>
public sealed class RedeliveryScheduleTests
{
    [Test]
    public void Redelivery_waits_grow_exponentially_up_to_their_cap_and_jitter_only_shortens_them()
    {
        var schedule = new RedeliverySchedule(Options.Create(new StageRedeliveryOptions { BaseDelayMs = 5_000, Factor = 5, MaxDelayMs = 60_000, Jitter = 0.2 }));

        Assert.That(Enumerable.Range(1, 4).Select(schedule.DelayMs), Is.EqualTo(new[] { 5_000, 25_000, 60_000, 60_000 }));
        var expirations = Enumerable.Range(0, 200).Select(_ => schedule.ExpirationMs(2, Guid.NewGuid())).ToList();
        Assert.That(expirations, Is.All.InRange(20_000, 25_000));
        Assert.That(expirations.Distinct().Count(), Is.GreaterThan(100), "jitter spreads a burst");
        var id = Guid.NewGuid();
        var first = schedule.ExpirationMs(2, id);
        var again = schedule.ExpirationMs(2, id);
        Assert.That(again, Is.EqualTo(first), "the same message always waits the same");
        Assert.That(RedeliverySchedule.WaitQueue("parse-document", 25_000), Is.EqualTo("parse-document_wait_25000ms"));
    }
}
