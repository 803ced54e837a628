using Ingestion.Operations.DeadLetters;

namespace Ingestion.UnitTests.Operations;

/// <summary>Which dead letters an operator's <c>key=value</c> terms select for <c>ingest dlq list|replay|purge</c>.</summary>
public sealed class DeadLetterFilterTests
{
    private static readonly DeadLetter ParseFault = new()
    {
        Queue = "parse-document_error",
        MessageId = "0f8fad5b-d9cb-469f-a165-70867728950e",
        CorrelationId = "aaaaaaaa-bbbb-5ccc-8ddd-eeeeeeeeeeee",
        ExceptionType = "Ingestion.Messaging.Resilience.TransientFaultException",
        Reason = "simulated outage of the extraction dependency",
        SiteId = "US-BOS-001",
        ErrorCode = "TransientFaultException",
        PayloadSha256 = new string('a', 64),
        PayloadBytes = 512,
        Headers = [],
    };

    [TestCase("exception=Ingestion.Messaging.Resilience.TransientFaultException")]
    [TestCase("exception=transientfaultexception")]
    [TestCase("site=us-bos-001")]
    [TestCase(" code = TransientFaultException ")]
    [TestCase("message-id=0F8FAD5B-D9CB-469F-A165-70867728950E")]
    [TestCase("correlation-id=aaaaaaaa-bbbb-5ccc-8ddd-eeeeeeeeeeee")]
    public void A_term_matches_its_field_in_full_without_case(string term)
    {
        Assert.That(DeadLetterFilter.Parse([term]).Matches(ParseFault), Is.True);
    }

    [TestCase("site=US-BOS")]
    [TestCase("exception=Resilience.TransientFaultException")]
    [TestCase("code=PARSER_FAILURE")]
    public void A_term_that_only_partly_matches_selects_nothing(string term)
    {
        Assert.That(DeadLetterFilter.Parse([term]).Matches(ParseFault), Is.False);
    }

    [Test]
    public void Every_term_must_hold()
    {
        var filter = DeadLetterFilter.Parse(["site=US-BOS-001", "code=PARSER_FAILURE"]);

        Assert.That(filter.Matches(ParseFault), Is.False);
        Assert.That(filter.Matches(ParseFault with { ErrorCode = "PARSER_FAILURE" }), Is.True);
        Assert.That(filter.ToString(), Is.EqualTo("site=US-BOS-001 code=PARSER_FAILURE"));
    }

    [Test]
    public void No_terms_select_every_message()
    {
        Assert.That(DeadLetterFilter.Parse([]).Matches(ParseFault), Is.True);
        Assert.That(DeadLetterFilter.Parse(null).ToString(), Is.EqualTo("all"));
        Assert.That(DeadLetterFilter.All.Matches(ParseFault with { SiteId = "-" }), Is.True);
    }

    [TestCase("site")]
    [TestCase("site=")]
    [TestCase("=US-BOS-001")]
    [TestCase("colour=red")]
    public void A_malformed_term_or_an_unknown_key_is_refused_naming_the_term_and_the_keys(string term)
    {
        Assert.That(
            () => DeadLetterFilter.Parse([term]),
            Throws.InstanceOf<FormatException>().With.Message.Contains($"'{term}'").And.Message.Contains("exception, site, code, message-id, correlation-id"));
    }
}
