namespace DistillGuard.Simulation.Honest;

/// <summary>Truth labels of the honest archetypes (docs/simulation.md describes each).</summary>
public static class HonestArchetypes
{
    public const string CasualChat = "casual_chat";
    public const string Developer = "developer";

    /// <summary>A startup team's developer whose account the company card pays for, as it does its colleagues'.</summary>
    public const string CompanyCardDeveloper = "company_card_developer";
    public const string AppBackend = "app_backend";
    public const string EnterpriseSeat = "enterprise_seat";
    public const string BenchmarkRunner = "benchmark_runner";
    public const string AgenticPowerUser = "agentic_power_user";
    public const string CampusStudent = "campus_student";
    public const string Reseller = "reseller";

    public static IReadOnlyList<string> All { get; } =
        [CasualChat, Developer, CompanyCardDeveloper, AppBackend, EnterpriseSeat, BenchmarkRunner, AgenticPowerUser, CampusStudent, Reseller];

    public static bool IsHonest(string label) => All.Contains(label);
}
