namespace Ingestion.Samples;

/// <summary>The templates the sample generator writes, with the labels of their required fields (as in the registry).</summary>
public static class SampleTemplates
{
    internal static readonly IReadOnlyList<SampleTemplate> All =
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

    /// <summary>
    /// The labels of the revised v2.2 forms, where sites see the same fields under new labels printed in a new order;
    /// the template registry's 2.2 entries carry the same labels.
    /// </summary>
    public static string RevisedLabel(string label) => label switch
    {
        "Name of Investigator" => "Investigator Name",
        "Protocol Number" => "Protocol No.",
        "Facility Address" => "Site Address",
        "IRB Name" => "Reviewing IRB",
        "Date Signed" => "Signature Date",
        "Investigator" => "Investigator Name",
        "Highest Qualification" => "Degree",
        "CV Date" => "Dated",
        "Licence Holder" => "Name of Licensee",
        "Licence Number" => "Licence No.",
        "Expiry Date" => "Valid Until",
        "Trainee" => "Participant",
        "Course" => "Training Course",
        "Completion Date" => "Completed On",
        "IRB/IEC Name" => "Ethics Committee",
        "Approval Number" => "Reference No.",
        "Approval Date" => "Date of Approval",
        "ICF Version" => "Consent Version",
        "Language" => "Language of Form",
        "Significant Financial Interest" => "Financial Interest Disclosed",
        "Principal Investigator" => "PI Name",
        "Number of Delegates" => "Delegates Listed",
        "Log Date" => "Date of Log",
        _ => label,
    };

    public enum Value
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
