namespace DistillGuard.Core.Log;

/// <summary>One rejected log line: where it is, what kind of problem, which field, and a readable message.</summary>
/// <param name="Kind">What was wrong.</param>
/// <param name="File">Path of the file as given to the reader.</param>
/// <param name="Line">1-based line number (for a truncated gzip: the line the reader had reached).</param>
/// <param name="Field">The offending field (dotted path such as <c>usage.input_tokens</c>), or null when the whole line is at fault.</param>
/// <param name="Message">A sentence naming the field and the problem.</param>
public sealed record BadRecord(BadRecordKind Kind, string File, long Line, string? Field, string Message)
{
    /// <summary><c>file:line: kind: message</c>, the form the CLI prints.</summary>
    public override string ToString() => $"{File}:{Line}: {BadRecordNames.ToWire(Kind)}: {Message}";
}
