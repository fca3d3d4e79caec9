using System.Globalization;
using System.Text;
using DistillGuard.Core.Engine;
using DistillGuard.Gateway.Features.Failover;

namespace DistillGuard.Gateway.Features.Operations;

/// <summary>Renders <see cref="GatewayMetrics"/> in the Prometheus text exposition format (version 0.0.4).</summary>
internal static class PrometheusTextWriter
{
    private static readonly string[] ApiLabels = ["unknown", "anthropic.messages", "openai.chat"];

    // Fixed when the process starts; the runtime reports it among its GC settings.
    private static readonly Lazy<long> Gen0MaxBudget = new(static () =>
        GC.GetConfigurationVariables().TryGetValue("GCGen0MaxBudget", out var value) ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0);

    public static string Render(GatewayMetrics m, IReadOnlyList<Upstream> upstreams)
    {
        var sb = new StringBuilder(4096);
        Header(sb, "distillguard_gateway_requests_total", "counter", "Requests received, by API shape.");
        for (var i = 1; i < ApiLabels.Length; i++)
        {
            Line(sb, "distillguard_gateway_requests_total", $"api=\"{ApiLabels[i]}\"", m.RequestsFor(i));
        }

        Header(sb, "distillguard_gateway_responses_total", "counter", "Responses sent, by HTTP status.");
        foreach (var (status, count) in m.ResponsesByStatus().OrderBy(static p => p.Key))
        {
            Line(sb, "distillguard_gateway_responses_total", $"status=\"{status}\"", count);
        }

        // Each family's samples together, after its own HELP and TYPE, as the exposition format requires.
        Header(sb, "distillguard_gateway_verdict_changes_total", "counter", "Engine verdict changes, by new verdict.");
        foreach (var verdict in Enum.GetValues<Verdict>())
        {
            Line(sb, "distillguard_gateway_verdict_changes_total", $"verdict=\"{VerdictNames.ToWire(verdict)}\"", m.VerdictChangesTo(verdict));
        }

        Header(sb, "distillguard_gateway_accounts", "gauge", "Accounts the engine has a verdict for, by verdict.");
        foreach (var verdict in Enum.GetValues<Verdict>())
        {
            Line(sb, "distillguard_gateway_accounts", $"verdict=\"{VerdictNames.ToWire(verdict)}\"", m.AccountsWith(verdict));
        }

        Header(sb, "distillguard_gateway_enforcements_total", "counter", "Requests acted on by policy, by action.");
        foreach (var action in Enum.GetValues<EnforcementAction>())
        {
            Line(sb, "distillguard_gateway_enforcements_total", $"action=\"{ActionLabel(action)}\"", m.Enforcements(action));
        }

        Simple(sb, "distillguard_gateway_unauthenticated_total", "counter", "Requests without a valid API key.", m.Unauthenticated);
        Simple(sb, "distillguard_gateway_malformed_total", "counter", "Requests rejected as malformed (400).", m.Malformed);
        Simple(sb, "distillguard_gateway_too_large_total", "counter", "Requests over the size limit (413).", m.TooLarge);
        Simple(sb, "distillguard_gateway_failovers_total", "counter", "Requests served by a fallback upstream.", m.Failovers);
        Simple(sb, "distillguard_gateway_upstream_errors_total", "counter", "Upstream connection failures and 5xx answers.", m.UpstreamErrors);
        Simple(sb, "distillguard_gateway_flagged_network_requests_total", "counter", "Requests from flagged network types.", m.FlaggedNetworkRequests);
        Simple(sb, "distillguard_gateway_log_queue_depth", "gauge", "Exchanges waiting to be logged and fed to the engine.", m.QueueDepth());
        Simple(sb, "distillguard_gateway_log_queue_capacity", "gauge", "Capacity of the exchange log queue.", m.QueueCapacity);
        Simple(sb, "distillguard_gateway_log_records_written_total", "counter", "Exchange records written to the log.", m.LogRecordsWritten);
        Simple(sb, "distillguard_gateway_log_backpressure_waits_total", "counter", "Requests held back because the log queue was full.", m.LogBackpressureWaits);
        Simple(sb, "distillguard_gateway_log_responses_truncated_total", "counter", "Logged responses cut at the size limit.", m.LogResponsesTruncated);
        Simple(sb, "distillguard_gateway_log_records_failed_total", "counter", "Exchange records that could not be written (should stay 0).", m.LogRecordsFailed);

        Header(sb, "distillguard_gateway_config_reloads_total", "counter", "Configuration reloads (SIGHUP or the admin API), by result.");
        Line(sb, "distillguard_gateway_config_reloads_total", "result=\"applied\"", Volatile.Read(ref m.ConfigReloadsApplied));
        Line(sb, "distillguard_gateway_config_reloads_total", "result=\"rejected\"", Volatile.Read(ref m.ConfigReloadsRejected));

        Simple(sb, "distillguard_gateway_log_files_compressed_total", "counter", "Closed exchange files gzipped in place (Log.CompressRotated).", Volatile.Read(ref m.LogFilesCompressed));
        Simple(sb, "distillguard_gateway_log_files_compression_failed_total", "counter", "Closed exchange files that could not be gzipped (kept plain).", Volatile.Read(ref m.LogFilesCompressionFailed));

        Simple(sb, "distillguard_gateway_engine_buffered_exchanges", "gauge", "Exchanges the engine holds until they lie its reorder tolerance behind the newest.", m.EngineBufferedExchanges());
        Simple(sb, "distillguard_gateway_engine_tracked_accounts", "gauge", "Accounts the engine keeps state for.", m.EngineTrackedAccounts());
        Simple(sb, "distillguard_gateway_standing_accounts", "gauge", "Young accounts refused before the engine has judged them: their card's other holder is enforced (ban evasion).", m.StandingAccounts());
        if (m.EngineOptions is { } engine)
        {
            // What a configuration reload last put into force, to see beside the verdict counts it moves.
            const string threshold = "distillguard_gateway_engine_risk_threshold";
            Header(sb, threshold, "gauge", "Risk at or above which the engine gives each verdict.");
            Line(sb, threshold, "verdict=\"review\"", engine.ReviewRisk);
            Line(sb, threshold, "verdict=\"throttle\"", engine.ThrottleRisk);
            Line(sb, threshold, "verdict=\"block\"", engine.BlockRisk);
            var model = engine.RiskModel;
            const string modelInfo = "distillguard_gateway_engine_risk_model_info";
            Header(sb, modelInfo, "gauge", "The risk model the engine scores with (always 1): its fingerprint, and whether it is the built-in one.");
            Line(sb, modelInfo, $"fingerprint=\"{model.Fingerprint}\",builtin=\"{(model.IsBuiltIn ? "true" : "false")}\"", 1);
        }

        // The runtime's own GC figures: a gen0/gen1 collection pauses every thread, request threads included, so
        // these are what to look at when the latency tail moves.
        Header(sb, "distillguard_gateway_gc_collections_total", "counter", "Garbage collections since start, by generation.");
        for (var gen = 0; gen <= GC.MaxGeneration; gen++)
        {
            Line(sb, "distillguard_gateway_gc_collections_total", $"generation=\"{gen}\"", GC.CollectionCount(gen));
        }

        Header(sb, "distillguard_gateway_gc_pause_seconds_total", "counter", "Time all threads were paused for garbage collection.");
        sb.Append("distillguard_gateway_gc_pause_seconds_total ").Append(GC.GetTotalPauseDuration().TotalSeconds.ToString(CultureInfo.InvariantCulture)).Append('\n');
        Simple(sb, "distillguard_gateway_gc_heap_bytes", "gauge", "Managed heap size after the last collection.", GC.GetGCMemoryInfo().HeapSizeBytes);
        Simple(sb, "distillguard_gateway_allocated_bytes_total", "counter", "Bytes allocated on the managed heap since start.", GC.GetTotalAllocatedBytes());
        Simple(sb, "distillguard_gateway_gc_gen0_max_budget_bytes", "gauge", "Most a gen0 collection may wait for, in bytes allocated (GatewayGcBudget).", Gen0MaxBudget.Value);

        // The thread pool's figures: a queue that grows, or threads added well past the core count, means something
        // on the request path blocks a thread; work items per request show how often a request changes threads.
        Simple(sb, "distillguard_gateway_threadpool_threads", "gauge", "Thread-pool threads now.", ThreadPool.ThreadCount);
        Simple(sb, "distillguard_gateway_threadpool_queue_length", "gauge", "Work items queued for the thread pool, not yet started.", ThreadPool.PendingWorkItemCount);
        Simple(sb, "distillguard_gateway_threadpool_work_items_total", "counter", "Work items the thread pool has run since start.", ThreadPool.CompletedWorkItemCount);

        const string requestDuration = "distillguard_gateway_request_duration_seconds";
        Header(sb, requestDuration, "histogram", "Time from request arrival to last response byte, by API.");
        for (var api = 1; api < ApiLabels.Length; api++)
        {
            Histogram(sb, requestDuration, $"api=\"{ApiLabels[api]}\"", m.RequestDuration(api));
        }

        const string upstreamDuration = "distillguard_gateway_upstream_duration_seconds";
        Header(sb, upstreamDuration, "histogram", "Time from sending a request upstream to the last byte of its answer passed on, by upstream (failed tries included).");
        foreach (var upstream in upstreams)
        {
            Histogram(sb, upstreamDuration, $"upstream=\"{EscapeLabel(upstream.Name)}\"", upstream.Duration);
        }

        // An evaluation holds the log consumer: exchanges queue meanwhile (log_queue_depth), requests only once it is full.
        const string evaluationDuration = "distillguard_gateway_engine_evaluation_duration_seconds";
        Header(sb, evaluationDuration, "histogram", "Time the live engine's evaluations held the log consumer (not counting the replay at start), by kind: a tick with news, or one that re-clustered (hourly).");
        Histogram(sb, evaluationDuration, "kind=\"tick\"", m.EngineEvaluations(reclustered: false));
        Histogram(sb, evaluationDuration, "kind=\"recluster\"", m.EngineEvaluations(reclustered: true));

        return sb.ToString();
    }

    private static string ActionLabel(EnforcementAction action) => action switch
    {
        EnforcementAction.Blocked => "block",
        EnforcementAction.Throttled => "throttle",
        EnforcementAction.ReviewRecorded => "review",
        EnforcementAction.Countermeasure => "countermeasure",
        EnforcementAction.RegionDenied => "region_deny",
        _ => "network_deny",
    };

    private static void Histogram(StringBuilder sb, string name, string label, LatencyHistogram histogram)
    {
        long cumulative = 0;
        for (var i = 0; i < LatencyHistogram.Buckets.Length; i++)
        {
            cumulative += histogram.BucketCount(i);
            Line(sb, name + "_bucket", $"{label},le=\"{LatencyHistogram.Buckets[i].ToString(CultureInfo.InvariantCulture)}\"", cumulative);
        }

        cumulative += histogram.BucketCount(LatencyHistogram.Buckets.Length);
        Line(sb, name + "_bucket", $"{label},le=\"+Inf\"", cumulative);
        sb.Append(name).Append("_sum{").Append(label).Append("} ").Append(histogram.SumSeconds.ToString(CultureInfo.InvariantCulture)).Append('\n');
        Line(sb, name + "_count", label, histogram.Count);
    }

    // Label values escape backslash, quote and newline (exposition format 0.0.4); upstream names come from config.
    private static string EscapeLabel(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static void Header(StringBuilder sb, string name, string type, string help) =>
        sb.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n').Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Simple(StringBuilder sb, string name, string type, string help, long value)
    {
        Header(sb, name, type, help);
        sb.Append(name).Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    // Counters and gauges alike (long, or double for the risk thresholds).
    private static void Line<T>(StringBuilder sb, string name, string labels, T value)
        where T : IFormattable =>
        sb.Append(name).Append('{').Append(labels).Append("} ").Append(value.ToString(null, CultureInfo.InvariantCulture)).Append('\n');
}
