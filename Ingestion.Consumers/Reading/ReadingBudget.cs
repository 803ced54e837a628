namespace Ingestion.Consumers.Reading;

/// <summary>
/// The attempts the current stage message has left for reading, set by the stage's consumer around its work (after it
/// counted the deliveries lost before) and read by <see cref="ContainedReader"/> deep in the format and extraction code.
/// </summary>
internal static class ReadingBudget
{
    private static readonly AsyncLocal<int?> Left = new();

    public static int? Current => Left.Value;

    public static IDisposable Begin(int attemptsLeft)
    {
        var before = Left.Value;
        Left.Value = attemptsLeft;
        return new Restore(before);
    }

    private sealed class Restore(int? before) : IDisposable
    {
        public void Dispose() => Left.Value = before;
    }
}
