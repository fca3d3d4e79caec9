namespace DistillGuard.Core.Log;

/// <summary>
/// Thrown in strict mode (<see cref="LogReaderOptions.Strict"/>) at the first bad record. The <c>scan</c> verb maps it
/// to exit code 3. Everything yielded before it was valid and stays valid.
/// </summary>
public sealed class BadRecordException : Exception
{
    public BadRecordException(BadRecord record)
        : base(record?.ToString())
    {
        ArgumentNullException.ThrowIfNull(record);
        Record = record;
    }

    public BadRecord Record { get; }

    public string File => Record.File;

    public long Line => Record.Line;

    public string? Field => Record.Field;

    public BadRecordKind Kind => Record.Kind;
}
