using Ingestion.Consumers.Templates;
using Ingestion.Contracts;

namespace Ingestion.Consumers.Validation;

/// <summary>The template/version gate: whether the registry accepts what a document declares.</summary>
public sealed class TemplateGate(TemplateRegistry registry)
{
    /// <summary>Null when accepted; otherwise the rejection code and a readable reason.</summary>
    public (string ErrorCode, string Reason)? Check(DocumentDeclaration declaration)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        if (declaration.TemplateId == ArtifactTypes.FreeFormTemplate && declaration.Source == DocumentDeclaration.None)
        {
            // No template to gate: the artifact profile decides at the parse stage, from the site's type or the content.
            return null;
        }

        if (!registry.Knows(declaration.TemplateId))
        {
            return (ErrorCodes.SchemaUnknown,
                $"Template '{declaration.TemplateId}' is not in template registry {registry.RegistryVersion}.");
        }

        var entry = registry.Find(declaration.TemplateId, declaration.Version);
        if (entry is null)
        {
            return (ErrorCodes.SchemaUnknown,
                $"Version {declaration.Version} of template '{declaration.TemplateId}' is not in template registry {registry.RegistryVersion}.");
        }

        return entry.Status == TemplateStatus.Active
            ? null
            : (ErrorCodes.SchemaDeprecated,
                $"Version {declaration.Version} of template '{declaration.TemplateId}' is {entry.Status.ToString().ToLowerInvariant()} in template registry {registry.RegistryVersion}; the site must resubmit on a current version.");
    }
}
