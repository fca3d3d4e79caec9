namespace DistillGuard.Core.Engine;

/// <summary>
/// An account's behaviour, each component in [0, 1] where 1 looks like distillation harvesting; see
/// docs/detection.md for what each means and its weight in <see cref="BehaviourModel"/>.
/// </summary>
internal readonly record struct AccountScore
{
    /// <summary>Share of exchanges following the account's few repeated templates.</summary>
    public float Templated { get; init; }

    public float Cot { get; init; }

    public float SingleTurn { get; init; }

    /// <summary>Share of the top capability when it is one distillers target (not general chat or creative writing).</summary>
    public float TargetedCapability { get; init; }

    /// <summary>Share of exchanges from hosting, proxy or VPN networks.</summary>
    public float Hosting { get; init; }

    /// <summary>1 when the account started using the API within two days of signing up.</summary>
    public float Young { get; init; }

    public float Unverified { get; init; }

    /// <summary>Low variance of inter-arrival times (scripted pacing).</summary>
    public float Regular { get; init; }

    /// <summary>Activity spread evenly over the 24 hours (no one sleeps).</summary>
    public float AroundTheClock { get; init; }

    /// <summary>Long answers relative to prompts (harvesting outputs).</summary>
    public float OutputHeavy { get; init; }

    /// <summary>Many countries / networks for one account (rotating proxies).</summary>
    public float NetworkDiversity { get; init; }

    /// <summary>Signed-up channel or verification that explains heavy, templated use (verified enterprise, research, reseller).</summary>
    public float Vouched { get; init; }

    /// <summary>Overall behavioural suspicion in [0, 1], shrunk towards 0 while there are few exchanges.</summary>
    public float Behaviour { get; init; }
}
