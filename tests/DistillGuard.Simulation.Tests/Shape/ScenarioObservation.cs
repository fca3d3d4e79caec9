using System.Text.Json;
using DistillGuard.Core.Log;
using DistillGuard.Simulation.Generation;
using DistillGuard.Simulation.Truth;

namespace DistillGuard.Simulation.Tests.Shape;

/// <summary>Generates a scenario in process once and keeps a compact record of every exchange per account.</summary>
internal sealed class ScenarioObservation
{
    private ScenarioObservation(ScenarioRun run)
    {
        Run = run;
        foreach (var exchange in run.Exchanges())
        {
            var e = exchange.Exchange;
            if (!ByAccount.TryGetValue(e.AccountId, out var list))
            {
                list = [];
                ByAccount[e.AccountId] = list;
            }

            list.Add(Observe(exchange));
        }

        Truth = run.BuildTruth();
        foreach (var a in Truth.Accounts)
        {
            Labels[a.AccountId] = a.Label;
        }

        foreach (var a in run.Accounts)
        {
            Records[a.AccountId] = a;
        }
    }

    public ScenarioRun Run { get; }
    public TruthDocument Truth { get; }
    public Dictionary<string, List<ObservedExchange>> ByAccount { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Labels { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, AccountRecord> Records { get; } = new(StringComparer.Ordinal);

    public static ScenarioObservation Generate(string scenario, SimulationOptions options) => new(ScenarioRun.Create(scenario, options));

    public IEnumerable<(string Id, List<ObservedExchange> Exchanges)> AccountsLabelled(string label) =>
        ByAccount.Where(kv => Labels[kv.Key] == label).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Key, kv.Value));

    private static ObservedExchange Observe(SimulatedExchange exchange)
    {
        using var doc = JsonDocument.Parse(exchange.RequestJson);
        var root = doc.RootElement;
        var e = exchange.Exchange;
        string? system = null;
        string? endUser = null;
        var cot = root.TryGetProperty("thinking", out _) || root.TryGetProperty("reasoning_effort", out _);
        var tools = root.TryGetProperty("tools", out _);
        var toolResults = 0;
        var images = 0;
        var userTurns = 0;
        if (root.TryGetProperty("system", out var s))
        {
            system = s.GetString();
        }

        if (root.TryGetProperty("user", out var u))
        {
            endUser = u.GetString();
        }
        else if (root.TryGetProperty("metadata", out var m) && m.TryGetProperty("user_id", out var uid))
        {
            endUser = uid.GetString();
        }

        foreach (var message in root.GetProperty("messages").EnumerateArray())
        {
            var role = message.GetProperty("role").GetString();
            if (role == "system")
            {
                system = message.GetProperty("content").GetString();
                continue;
            }

            if (role == "tool")
            {
                toolResults++;
                continue;
            }

            var content = message.GetProperty("content");
            var isToolResult = false;
            if (content.ValueKind == JsonValueKind.Array)
            {
                foreach (var block in content.EnumerateArray())
                {
                    var type = block.GetProperty("type").GetString();
                    if (type is "image" or "image_url")
                    {
                        images++;
                    }
                    else if (type == "tool_result")
                    {
                        toolResults++;
                        isToolResult = true;
                    }
                }
            }

            if (role == "user" && !isToolResult)
            {
                userTurns++;
            }
        }

        return new ObservedExchange(e.Timestamp, e.Model!, cot, tools, toolResults, images, system, endUser, exchange.TemplateId, exchange.Task, exchange.IsFiller, e.Ip!, e.Country!, userTurns);
    }
}
