using Ingestion.Consumers.Artifacts;

namespace Ingestion.UnitTests.Artifacts;

public sealed class ArtifactClassifierTests
{
    private static readonly ArtifactProfileRegistry Registry =
        new(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "config", "artifact-profiles.json")));

    private static readonly ArtifactClassifier Classifier = new(Registry);

    private static readonly string Prose = string.Join(' ', Enumerable.Repeat("The committee of the town met on Tuesday to discuss the roads.", 8));

    [TestCase("05.02.04", "cv")]
    [TestCase("cv", "cv")]
    [TestCase("04.01.02", "irb-approval")]
    [TestCase("05.02.08", "fda-1572")]
    [TestCase("OTHER", "other")]
    public void A_declared_type_that_names_one_profile_decides_alone(string declared, string expected)
    {
        var classification = Classifier.Classify(declared, "nothing to go by");

        Assert.That((classification.Profile.Id, classification.Confidence, classification.Declared), Is.EqualTo((expected, 1.0, true)));
    }

    [Test]
    public void A_gcp_certificate_without_a_declared_type_is_classified_from_its_words_with_confidence()
    {
        var classification = Classifier.Classify(
            "UNSPECIFIED", "Certificate of Completion. This is to certify that Jane Whitfield has successfully completed Good Clinical Practice (ICH E6) training.");

        Assert.That(classification.Profile.Id, Is.EqualTo("gcp-certificate"));
        Assert.That(classification.Confidence, Is.GreaterThanOrEqualTo(Registry.ClassificationThreshold));
        Assert.That(classification.Declared, Is.False);
    }

    [Test]
    public void A_number_shared_by_two_classes_is_settled_by_the_content()
    {
        var classification = Classifier.Classify("05.02.07", "State Medical Board. Medical License. Licensee: Jane Whitfield. License Number: MD-12345.");

        Assert.That(classification.Profile.Id, Is.EqualTo("medical-licence"));
    }

    [Test]
    public void Prose_that_speaks_for_no_class_is_other_and_sure_of_it()
    {
        var classification = Classifier.Classify(null, Prose);

        Assert.That((classification.Profile.Id, classification.Confidence), Is.EqualTo(("other", 1.0)));
    }

    [Test]
    public void A_page_without_text_is_other_with_no_confidence_so_a_person_looks_at_it()
    {
        var classification = Classifier.Classify(null, string.Empty);

        Assert.That((classification.Profile.Id, classification.Confidence), Is.EqualTo(("other", 0.0)));
    }

    [Test]
    public void Words_of_two_classes_in_equal_measure_are_below_the_threshold()
    {
        var classification = Classifier.Classify(null, "Curriculum Vitae. Institutional Review Board member, 2019-2023.");

        Assert.That(classification.Confidence, Is.LessThan(Registry.ClassificationThreshold));
    }

    [Test]
    public void The_same_text_is_the_same_class_every_time()
    {
        var text = "Institutional Review Board approval of protocol ABC-123, expedited review.";

        Assert.That(Enumerable.Range(0, 5).Select(_ => Classifier.Classify(null, text)).Distinct().Count(), Is.EqualTo(1));
    }
}
