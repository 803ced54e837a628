using System.Diagnostics;

namespace Ingestion.Qualification.Isolation;

/// <summary>How to start an <c>ingest</c> process: the executable and the arguments before the command's own.</summary>
/// <param name="FileName">The apphost <c>ingest</c>, or <c>dotnet</c>.</param>
/// <param name="LeadingArguments">For <c>dotnet</c>, the path of <c>ingest.dll</c>.</param>
public sealed record IngestLauncher(string FileName, IReadOnlyList<string> LeadingArguments)
{
    /// <summary>Runs <c>ingest.dll</c> from <paramref name="directory"/> with <c>dotnet</c>.</summary>
    public static IngestLauncher FromDirectory(string directory) => new("dotnet", [Path.Combine(directory, "ingest.dll")]);

    internal ProcessStartInfo StartInfo(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> settings)
    {
        var info = new ProcessStartInfo(FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in LeadingArguments.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        // Environment variables win over appsettings.json in every ingest process, so the namespace's settings apply.
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return info;
    }
}
