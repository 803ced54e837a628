namespace Ingestion.Qualification.Runbook;

/// <summary>A checkpoint's result.</summary>
public enum CheckpointVerdict
{
    /// <summary>Shown, with figures.</summary>
    Passed,

    /// <summary>Shown not to hold, or could not be run to the end; the findings say why.</summary>
    Failed,

    /// <summary>Not run (not selected, or what it builds on failed); never a pass.</summary>
    NotRun,
}
