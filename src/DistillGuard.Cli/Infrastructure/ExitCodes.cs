namespace DistillGuard.Cli.Infrastructure;

/// <summary>Process exit codes every verb uses.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A verb-specific failure that is not about the command line or input (e.g. verify found tampering).</summary>
    public const int Failure = 1;

    /// <summary>The command line is wrong.</summary>
    public const int Usage = 2;

    /// <summary>Input could not be read (missing file, bad record in strict mode, truncated gzip...).</summary>
    public const int InputError = 3;
}
