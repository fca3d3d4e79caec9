namespace DistillGuard.Simulation.Honest;

/// <summary>Truth labels of the honest archetypes (docs/simulation.md describes each).</summary>
public static class HonestArchetypes
{
    public const string CasualChat = "casual_chat";
    public const string Developer = "developer";
    public const string AppBackend = "app_backend";
    public const string EnterpriseSeat = "enterprise_seat";
    public const string BenchmarkRunner = "benchmark_runner";
    public const string AgenticPowerUser = "agentic_power_user";
    public const string CampusStudent = "campus_student";
    public const string Reseller = "reseller";

    public static IReadOnlyList<string> All { get; } =
        [CasualChat, Developer, AppBackend, EnterpriseSeat, BenchmarkRunner, AgenticPowerUser, CampusStudent, Reseller];

    public static bool IsHonest(string label) => All.Contains(label);
}
