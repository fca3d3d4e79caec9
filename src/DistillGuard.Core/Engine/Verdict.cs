namespace DistillGuard.Core.Engine;

/// <summary>What to do about an account, from mildest to strongest.</summary>
public enum Verdict : byte
{
    Allow = 0,

    /// <summary>A person should look; traffic still flows.</summary>
    Review = 1,

    /// <summary>Slow it down.</summary>
    Throttle = 2,

    Block = 3,
}
