using Ingestion.Tests.Support;

// .NET runs StartupHook.Initialize() before Main in a process whose DOTNET_STARTUP_HOOKS names this assembly; the type
// must have this name and sit in no namespace.
#pragma warning disable CA1050 // Declare types in namespaces: the runtime looks for this type in the global namespace.
internal static class StartupHook
#pragma warning restore CA1050
{
    public static void Initialize() => PoisonStartupHook.Install();
}
