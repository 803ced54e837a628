using System.Diagnostics;
using Ingestion.Consumers.Parsing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Ingestion.Tests.Support;

/// <summary>
/// Runs inside a real <c>ingest worker</c> process started with <see cref="Variables"/> (through .NET's startup hook,
/// <see cref="global::StartupHook"/>): when the worker builds its host, the field extractor is wrapped in a
/// <see cref="PoisonFieldExtractor"/>. The host announces its building on the <c>Microsoft.Extensions.Hosting</c>
/// diagnostic listener with a host builder that still takes services, the way test hosts of ASP.NET Core hook in.
/// </summary>
internal sealed class PoisonStartupHook : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    /// <summary>The environment variable naming the poisonous document's SHA-256.</summary>
    public const string PoisonVariable = "INGESTION_TEST_POISON_SHA256";

    private readonly string _poison;

    private PoisonStartupHook(string poison) => _poison = poison;

    /// <summary>The environment of a worker process whose extractor dies on <paramref name="poisonSha256"/>.</summary>
    public static IReadOnlyDictionary<string, string?> Variables(string poisonSha256) => new Dictionary<string, string?>
    {
        ["DOTNET_STARTUP_HOOKS"] = typeof(PoisonStartupHook).Assembly.Location,
        [PoisonVariable] = poisonSha256,
    };

    public static void Install()
    {
        if (Environment.GetEnvironmentVariable(PoisonVariable) is { Length: > 0 } poison)
        {
            DiagnosticListener.AllListeners.Subscribe(new PoisonStartupHook(poison));
        }
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == "Microsoft.Extensions.Hosting")
        {
            value.Subscribe(this);
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == "HostBuilding" && value.Value is IHostBuilder builder)
        {
            builder.ConfigureServices((_, services) => services.Replace(ServiceDescriptor.Singleton<IFieldExtractor>(sp =>
                new PoisonFieldExtractor(ActivatorUtilities.CreateInstance<FieldExtractionChain>(sp), _poison))));
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }
}
