namespace DistillGuard.Core.Tests.Log;

/// <summary>Builders for exchange-log lines used across the log tests.</summary>
internal static class LogLines
{
    public const string SpecExample = """{"ts":"2026-04-22T03:14:07.123Z","request_id":"req_01","account_id":"acct_7f3a","api_key_id":"key_1","ip":"203.0.113.7","asn":64500,"asn_type":"hosting","country":"SG","user_agent":"python-httpx/0.27.0","api":"anthropic.messages","request":{"model":"frontier-large-2","max_tokens":8192,"thinking":{"type":"enabled","budget_tokens":6000},"messages":[{"role":"user","content":"Solve the following problem. Think step by step and show every step of your reasoning before the final answer.\n\nProblem: ..."}]},"response":{"content":[{"type":"thinking","thinking":"..."},{"type":"text","text":"..."}],"stop_reason":"end_turn","usage":{"input_tokens":412,"output_tokens":2310}},"latency_ms":18230}""";

    /// <summary>A minimal valid Anthropic exchange at <paramref name="ts"/>.</summary>
    public static string At(string ts, string account = "acct_1", string text = "hello") =>
        $$$"""{"ts":"{{{ts}}}","account_id":"{{{account}}}","api":"anthropic.messages","request":{"model":"m1","max_tokens":100,"messages":[{"role":"user","content":"{{{text}}}"}]}}""";

    /// <summary>A valid exchange at second <paramref name="second"/> after 2026-04-22T00:00:00Z.</summary>
    public static string AtSecond(int second, string account = "acct_1", string text = "hello") =>
        At(new DateTime(2026, 4, 22, 0, 0, 0, DateTimeKind.Utc).AddSeconds(second).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), account, text);
}
