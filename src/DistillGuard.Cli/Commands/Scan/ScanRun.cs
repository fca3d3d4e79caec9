using System.Diagnostics;
using DistillGuard.Cli.Infrastructure;
using DistillGuard.Core.Analysis;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Findings;
using DistillGuard.Core.Intel;
using DistillGuard.Core.Log;
using DistillGuard.Gateway.Features.Detection;
using DistillGuard.Intel;
using DistillGuard.Reporting;
using Spectre.Console;

namespace DistillGuard.Cli.Commands.Scan;

/// <summary>One execution of <c>scan</c>: read side files, replay the log through the engine, write outputs.</summary>
internal sealed class ScanRun(CliConsole console, TimeProvider time, ScanRequest request)
{
    private const int ProgressEvery = 16 * 1024;

    public int Execute()
    {
        if (request.Threads < 1)
        {
            console.Error.WriteLine("error: --threads must be at least 1.");
            return ExitCodes.Usage;
        }

        if (request.Logs.Count == 0 && request.GatewayConfigPath is null)
        {
            console.Error.WriteLine("error: name at least one LOG, or --gateway-config to scan that gateway's log directory.");
            return ExitCodes.Usage;
        }

        TimeSpan? snapshotEvery = null;
        if (request.ModelInputsEvery is { } everyText)
        {
            if (request.ModelInputsPath is null)
            {
                console.Error.WriteLine("error: --model-inputs-every needs --model-inputs, the file its snapshots go to.");
                return ExitCodes.Usage;
            }

            if (!IntervalText.TryParse(everyText, out var every) || every < new DetectionOptions().Tick)
            {
                console.Error.WriteLine($"error: --model-inputs-every: '{everyText}' is not an interval of at least 15m (a whole number of days, hours or minutes: 1d, 12h, 90m).");
                return ExitCodes.Usage;
            }

            snapshotEvery = every;
        }

        IIntelMatcher? intel = null;
        if (request.IntelPaths.Count > 0)
        {
            try
            {
                intel = StixIntel.Load(request.IntelPaths);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.InputError;
            }
            catch (NotSupportedException ex)
            {
                console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.Failure;
            }
        }

        GatewayDetectionSettings? gateway = null;
        if (request.GatewayConfigPath is { } gatewayConfigPath)
        {
            try
            {
                gateway = GatewayDetectionSettings.Load(gatewayConfigPath);
            }
            catch (InvalidDataException ex)
            {
                console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.InputError;
            }

            console.Error.WriteLine(gateway.OverridesFilePath is { } overridesFile
                ? $"policy from {gatewayConfigPath}; overrides as {overridesFile} recorded them"
                : $"policy from {gatewayConfigPath}; {gateway.Overrides.Count} overrides from {gateway.StorePath}");
            if (request.Logs.Count == 0)
            {
                // The files the gateway's replay at start would read now, so the scan gives the verdicts a restart restores.
                var files = ExchangeLogReplay.FilesToReplay(gateway.LogDirectory, gateway.ReplayWindow, time.GetUtcNow().UtcDateTime, out var leftOut);
                request = request.ForGatewayLog(gateway.LogDirectory, [.. files.Select(static f => f.Path)]);
                var window = leftOut > 0 ? $" ({leftOut} files last written before Log.ReplayWindow {gateway.ReplayWindow} left out, as the gateway's restart would)" : string.Empty;
                console.Error.WriteLine($"scanning the gateway's log directory {gateway.LogDirectory}: {files.Count} exchange files{window}{(request.AccountsPath is null ? string.Empty : $" with {request.AccountsPath}")}");
            }
        }

        var options = gateway?.Options ?? new DetectionOptions();
        if (request.SharedEgressPath is { } sharedEgressPath)
        {
            try
            {
                options.SharedEgress = [.. options.SharedEgress, .. SharedEgressFile.Read(sharedEgressPath)];
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.InputError;
            }
        }

        if (request.RiskModelPath is { } riskModelPath)
        {
            try
            {
                options.RiskModel = RiskModelFile.Read(riskModelPath);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.InputError;
            }

            console.Error.WriteLine($"risk model from {riskModelPath}");
        }

        var bad = new BadRecordLog(request.Strict);
        var engine = new DetectionEngine(options, new ExchangeAnalyzer(), intel);
        StreamWriter? snapshotFile;
        try
        {
            snapshotFile = snapshotEvery is null ? null : new StreamWriter(request.ModelInputsPath!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failure;
        }

        using var snapshotWriter = snapshotFile;
        using var snapshots = snapshotFile is null ? null : new ModelInputSnapshots(engine, snapshotFile, snapshotEvery!.Value);
        var stopwatch = Stopwatch.StartNew();
        long bytes = 0;
        try
        {
            if (request.AccountsPath is { } accountsPath)
            {
                foreach (var account in AccountsFileReader.Read(accountsPath, bad))
                {
                    if (request.AccountsFromSignup && account.EffectiveFrom is null)
                    {
                        account.EffectiveFrom = account.CreatedAt;
                    }

                    engine.AddAccount(account);
                }
            }

            // After the accounts, as the gateway gives them at start: an override counts for its payment co-holders. The
            // gateway's overrides file has each from where its engine counted it; the store only those in force now.
            var overrides = gateway?.OverridesFilePath is { } overridesPath
                ? OverridesFileReader.Read(overridesPath, bad)
                : gateway?.Overrides.Select(static o => o.FromTheStart()) ?? [];
            foreach (var entry in overrides)
            {
                engine.SetOverride(entry.AccountId, entry.Verdict, entry.EffectiveFrom);
            }

            if (request.ModelsPath is { } modelsPath)
            {
                foreach (var release in ModelReleasesFileReader.Read(modelsPath, bad))
                {
                    engine.AddModelRelease(release);
                }
            }

            // Detection never reads answer text (usage, reasoning and tool-call counts are kept), so the scan skips
            // materialising it.
            using var reader = new MergedExchangeReader(ExchangeFiles(), new LogReaderOptions { Strict = request.Strict, Parallelism = request.Threads, MaxResponseTextChars = 0, Analyzer = engine.Analyzer }, bad);
            if (console.Interactive)
            {
                console.ErrorUi.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .Start(context => Replay(reader, engine, context.AddTask("scanning", maxValue: Math.Max(1, reader.Progress.TotalBytes)), stopwatch));
            }
            else
            {
                Replay(reader, engine, null, stopwatch);
            }

            bytes = reader.Progress.BytesRead;
            if (reader.LateRecords > 0)
            {
                console.Error.WriteLine($"warning: {reader.LateRecords} exchanges were further out of time order than the reorder window; they were processed late.");
            }
        }
        catch (BadRecordException ex)
        {
            console.Error.WriteLine($"error: {ex.Record} (strict mode)");
            return ExitCodes.InputError;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.InputError;
        }

        var findings = engine.BuildFindings(bad.Total, time.GetUtcNow().UtcDateTime);
        if (snapshots is not null)
        {
            snapshots.Finish();
            snapshotWriter!.Flush();
            console.Error.WriteLine($"model inputs written to {request.ModelInputsPath}: {snapshots.Snapshots} snapshots, every {request.ModelInputsEvery} of log time and at the end");
        }

        var seconds = Math.Max(stopwatch.Elapsed.TotalSeconds, 1e-6);
        console.Error.WriteLine(
            $"scanned {engine.ObservedExchanges:N0} exchanges ({bytes / 1048576.0:N1} MiB read) in {seconds:N1} s: {engine.ObservedExchanges / seconds:N0} exchanges/s");
        ReportBadRecords(bad);
        return WriteOutputs(findings, engine);
    }

    /// <summary>
    /// The log files to replay: a simulator or gateway folder also holds side files (<see cref="LogNames.IsSideFile"/>:
    /// accounts, model releases, the gateway's overrides), not exchanges (unless named explicitly as a LOG).
    /// </summary>
    private List<LogFile> ExchangeFiles()
    {
        var explicitFiles = new HashSet<string>(request.Logs.Where(File.Exists).Select(Path.GetFullPath), StringComparer.Ordinal);
        var side = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in new[] { request.AccountsPath, request.ModelsPath })
        {
            if (path is not null)
            {
                side.Add(Path.GetFullPath(path));
            }
        }

        var files = new List<LogFile>();
        foreach (var file in LogInputs.Discover(request.Logs))
        {
            var full = Path.GetFullPath(file.Path);
            var name = Path.GetFileName(full);
            var isSide = side.Contains(full) || LogNames.IsSideFile(name);
            if (!isSide || explicitFiles.Contains(full) && !side.Contains(full))
            {
                files.Add(file with { Index = files.Count });
            }
        }

        return files;
    }

    private static void Replay(MergedExchangeReader reader, DetectionEngine engine, ProgressTask? task, Stopwatch stopwatch)
    {
        long count = 0;
        while (reader.MoveNext())
        {
            engine.Observe(reader.Current);
            if (task is not null && ++count % ProgressEvery == 0)
            {
                var rate = count / Math.Max(stopwatch.Elapsed.TotalSeconds, 1e-6);
                task.Value = reader.Progress.BytesRead;
                task.Description = $"{count:N0} exchanges, {reader.Progress.BytesRead / 1048576.0:N0} MiB, {rate:N0}/s";
            }
        }

        if (task is not null)
        {
            task.Value = task.MaxValue;
        }
    }

    private void ReportBadRecords(BadRecordLog bad)
    {
        if (bad.Total == 0)
        {
            return;
        }

        console.Error.WriteLine($"{bad.Total} bad records skipped:");
        foreach (BadRecordKind kind in Enum.GetValues<BadRecordKind>())
        {
            if (bad.Count(kind) > 0)
            {
                console.Error.WriteLine($"  {BadRecordNames.ToWire(kind)}: {bad.Count(kind)}");
            }
        }

        foreach (var sample in bad.Samples)
        {
            console.Error.WriteLine($"  {sample}");
        }
    }

    private int WriteOutputs(FindingsDocument findings, DetectionEngine engine)
    {
        try
        {
            if (request.OutPath is { } outPath)
            {
                FindingsSerializer.WriteFile(outPath, findings);
                ScanSummary.Write(console.Ui, findings);
                console.Out.WriteLine($"findings written to {outPath}");
            }
            else
            {
                console.Out.WriteLine(FindingsSerializer.ToJson(findings));
                ScanSummary.Write(console.ErrorUi, findings);
            }

            if (request.ReportPath is { } reportPath)
            {
                HtmlReport.WriteFile(reportPath, findings);
                console.Error.WriteLine($"report written to {reportPath}");
            }

            if (request.ModelInputsPath is { } modelInputsPath && request.ModelInputsEvery is null)
            {
                using (var writer = new StreamWriter(modelInputsPath))
                {
                    engine.WriteModelInputs(writer);
                }

                console.Error.WriteLine($"model inputs written to {modelInputsPath}");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failure;
        }

        return ExitCodes.Success;
    }
}
