namespace DistillGuard.Core.Log;

/// <summary>Raised inside <see cref="ExchangeParser"/> for a bad record; never escapes the parser.</summary>
internal sealed class RecordFormatException(BadRecordKind kind, string? field, string message) : Exception(message)
{
    public BadRecordKind Kind { get; } = kind;

    public string? Field { get; } = field;
}
