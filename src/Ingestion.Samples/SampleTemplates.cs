namespace Ingestion.Samples;

/// <summary>The templates the sample generator writes, with the labels of their required fields (as in the registry).</summary>
internal static class SampleTemplates
{
    public static readonly IReadOnlyList<SampleTemplate> All =
    [
        new("FDA-1572", "05.02.08", "fda-1572", [("Name of Investigator", Value.Name), ("Protocol Number", Value.Protocol), ("Facility Address", Value.Address), ("IRB Name", Value.Irb), ("Date Signed", Value.Date)]),
        new("INVESTIGATOR-CV", "05.02.04", "investigator-cv", [("Investigator", Value.Name), ("Highest Qualification", Value.Qualification), ("CV Date", Value.Date)]),
        new("MEDICAL-LICENCE", "05.02.07", "medical-licence", [("Licence Holder", Value.Name), ("Licence Number", Value.Number), ("Expiry Date", Value.Date)]),
        new("GCP-CERTIFICATE", "05.02.07", "gcp-certificate", [("Trainee", Value.Name), ("Course", Value.Course), ("Completion Date", Value.Date)]),
        new("IRB-APPROVAL", "04.01.02", "irb-approval", [("IRB/IEC Name", Value.Irb), ("Approval Number", Value.Number), ("Approval Date", Value.Date)]),
        new("INFORMED-CONSENT", "02.02.03", "informed-consent", [("Protocol Number", Value.Protocol), ("ICF Version", Value.IcfVersion), ("Language", Value.Language)]),
        new("PROTOCOL-SIGNATURE", "05.02.02", "protocol-signature", [("Investigator", Value.Name), ("Protocol Number", Value.Protocol), ("Date Signed", Value.Date)]),
        new("FINANCIAL-DISCLOSURE", "05.02.10", "financial-disclosure", [("Investigator", Value.Name), ("Significant Financial Interest", Value.YesNo), ("Date Signed", Value.Date)]),
        new("DELEGATION-LOG", "05.02.18", "delegation-log", [("Principal Investigator", Value.Name), ("Number of Delegates", Value.Count), ("Log Date", Value.Date)]),
    ];

    internal enum Value
    {
        Name,
        Protocol,
        Address,
        Irb,
        Date,
        Qualification,
        Number,
        Course,
        IcfVersion,
        Language,
        YesNo,
        Count,
    }
}

/// <summary>One template the generator can write.</summary>
internal sealed record SampleTemplate(string TemplateId, string ArtifactType, string FileStem, IReadOnlyList<(string Label, SampleTemplates.Value Kind)> Fields);
