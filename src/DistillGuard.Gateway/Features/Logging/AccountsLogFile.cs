using DistillGuard.Core.Log;
using DistillGuard.Gateway.Options;
using Microsoft.Extensions.Options;

namespace DistillGuard.Gateway.Features.Logging;

/// <summary>
/// <c>accounts.jsonl</c> next to the exchange log, so <c>scan</c> over the gateway's log directory sees the same
/// account attributes the live engine was given, each from where the engine counted it: every record the gateway is
/// given while running is appended with its <c>effective_from</c>, and the file is never rewritten once it exists, so
/// it holds each account's history for the replay at the next start. Written only on the engine thread.
/// </summary>
internal sealed class AccountsLogFile(IOptions<GatewayOptions> options)
{
    /// <summary>The file's name in the log directory, where <c>scan --gateway-config</c> looks for it.</summary>
    public const string FileName = "accounts.jsonl";

    private readonly string _path = System.IO.Path.Combine(System.IO.Path.GetFullPath(options.Value.Log.Directory), FileName);

    public string Path => _path;

    /// <summary>Every record in the file, in file order; none when there is no file. Bad lines go to <paramref name="bad"/>.</summary>
    public List<AccountRecord>? ReadHistory(BadRecordLog bad) => File.Exists(_path) ? AccountsFileReader.Read(_path, bad) : null;

    /// <summary>Writes the file whole, for a start that found none: the store's accounts, counted from the log's start.</summary>
    public void WriteSnapshot(IEnumerable<AccountRecord> accounts) => JsonLinesFile.Write(_path, FileMode.Create, accounts, ExchangeLogWriter.WriteAccount);

    public void Append(AccountRecord account) => JsonLinesFile.Write(_path, FileMode.Append, [account], ExchangeLogWriter.WriteAccount);
}
