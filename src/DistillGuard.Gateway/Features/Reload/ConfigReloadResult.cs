namespace DistillGuard.Gateway.Features.Reload;

/// <summary>What a configuration reload did.</summary>
/// <param name="Applied">False when the new configuration was rejected and the previous one kept.</param>
/// <param name="Changed">Settings (configuration keys) that changed and are now in force.</param>
/// <param name="NeedRestart">Settings that changed but are read only at start; they take effect at the next start.</param>
/// <param name="Errors">Why the new configuration was rejected, naming file, line or setting.</param>
internal sealed record ConfigReloadResult(bool Applied, IReadOnlyList<string> Changed, IReadOnlyList<string> NeedRestart, IReadOnlyList<string> Errors)
{
    public static ConfigReloadResult Rejected(params string[] errors) => new(false, [], [], errors);
}
