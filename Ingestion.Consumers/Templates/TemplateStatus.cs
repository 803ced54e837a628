namespace Ingestion.Consumers.Templates;

/// <summary>Where a template version stands in its life.</summary>
public enum TemplateStatus
{
    /// <summary>Sites may submit it.</summary>
    Active,

    /// <summary>Superseded; documents on it are refused with <c>SCHEMA_DEPRECATED</c>.</summary>
    Deprecated,

    /// <summary>Withdrawn; documents on it are refused with <c>SCHEMA_DEPRECATED</c>.</summary>
    Retired,
}
