namespace DistillGuard.Core.Log;

/// <summary>Why <see cref="ExchangeParser.TryParse"/> rejected a line.</summary>
/// <param name="Kind">What was wrong.</param>
/// <param name="Field">The offending field as a dotted path, or null when the whole line is at fault.</param>
/// <param name="Message">A sentence naming the field and the problem.</param>
public readonly record struct ParseError(BadRecordKind Kind, string? Field, string Message);
