using DistillGuard.Core.Log;
using DistillGuard.Gateway.Options;
using Microsoft.Extensions.Options;

namespace DistillGuard.Gateway.Features.Logging;

/// <summary>
/// <c>overrides.jsonl</c> next to the exchange log: every override the gateway sets or clears while running, with the
/// log time the engine counts it from (<see cref="OverrideRecord"/>), so <c>scan --gateway-config</c> and the replay at
/// the next start apply each where the live engine did; the store holds only the overrides in force. Never rewritten
/// once it exists. Written only on the engine thread.
/// </summary>
internal sealed class OverridesLogFile(IOptions<GatewayOptions> options)
{
    /// <summary>The file's name in the log directory.</summary>
    public const string FileName = "overrides.jsonl";

    private readonly string _path = System.IO.Path.Combine(System.IO.Path.GetFullPath(options.Value.Log.Directory), FileName);

    public string Path => _path;

    /// <summary>Every line of the file, in file order; none when there is no file. Bad lines go to <paramref name="bad"/>.</summary>
    public List<OverrideRecord>? ReadHistory(BadRecordLog bad) => File.Exists(_path) ? OverridesFileReader.Read(_path, bad) : null;

    /// <summary>Writes the file whole, for a start that found none: the store's overrides, counted from the log's start.</summary>
    public void WriteSnapshot(IEnumerable<OverrideRecord> overrides) => JsonLinesFile.Write(_path, FileMode.Create, overrides, ExchangeLogWriter.WriteOverride);

    public void Append(OverrideRecord entry) => JsonLinesFile.Write(_path, FileMode.Append, [entry], ExchangeLogWriter.WriteOverride);
}
