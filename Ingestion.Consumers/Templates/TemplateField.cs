namespace Ingestion.Consumers.Templates;

/// <summary>A field a template version requires.</summary>
/// <param name="Name">The field's stable name, for example <c>investigator_name</c>.</param>
/// <param name="Label">The label printed before the value on this version of the form.</param>
/// <param name="Pattern">A regular expression the value must match in full.</param>
public sealed record TemplateField(string Name, string Label, string Pattern);
