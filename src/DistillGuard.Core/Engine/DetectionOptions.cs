namespace DistillGuard.Core.Engine;

/// <summary>Tuning of the detection engine. Defaults are what the simulator's scenarios were measured with (docs/detection.md).</summary>
public sealed class DetectionOptions
{
    /// <summary>Risk at or above which an account is put up for review.</summary>
    public double ReviewRisk { get; set; } = 0.5;

    /// <summary>Risk at or above which an account is throttled.</summary>
    public double ThrottleRisk { get; set; } = 0.75;

    /// <summary>Risk at or above which an account is blocked.</summary>
    public double BlockRisk { get; set; } = 0.9;

    /// <summary>
    /// Log-time interval at which exchanges are applied and verdicts re-evaluated (default 15 minutes).
    /// Verdict times (<c>first_flagged_at</c>, <c>detected_at</c>) are tick boundaries.
    /// </summary>
    public TimeSpan Tick { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Log-time interval at which accounts are re-clustered (default 1 hour, a whole number of ticks). Between
    /// clusterings every tick still re-scores the accounts that had traffic against the current clusters; re-clustering
    /// every tick would cost a pass over every linked account per tick, which dominates a long scan.
    /// </summary>
    public TimeSpan ClusterInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How far behind the newest exchange a tick stays open for late arrivals (default 2 minutes). The gateway
    /// logs by arrival time but feeds the engine on completion; disorder below this cannot change any outcome.
    /// </summary>
    public TimeSpan ReorderTolerance { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Whether <paramref name="tolerance"/> can be the <see cref="ReorderTolerance"/> with this <see cref="Tick"/>: not
    /// negative and under a tick, since a tick closes only once its end lies the tolerance behind the newest exchange.
    /// </summary>
    public bool AllowsReorderTolerance(TimeSpan tolerance) => tolerance >= TimeSpan.Zero && tolerance < Tick;

    /// <summary>Flagged accounts a linked cluster needs before it is reported as a campaign (default 3).</summary>
    public int MinCampaignAccounts { get; set; } = 3;

    /// <summary>
    /// Ban evasion (default on): an account paying with an instrument on which another account is blocked (or
    /// throttled) — by the engine's own evidence or an operator's override — gets that verdict at once. Operators
    /// replace a banned account with a fresh one on the same card; without this, each replacement serves traffic
    /// until it has built up evidence of its own. An instrument explained by one organisation (enterprise seats with
    /// one <c>org_id</c>) passes nothing on, and an inherited verdict is never passed on again.
    /// </summary>
    public bool PaymentBanEvasion { get; set; } = true;

    /// <summary>
    /// Ban evasion through the sign-up e-mail domain (default on): an account signing up with a domain on which at
    /// least two other accounts are blocked — by the engine's own evidence or an operator's override — is blocked at
    /// once. An operator that pays with a fresh card for each new account often still signs them up on its own domain.
    /// Only a domain that links accounts passes anything on (never a public mail provider's or a school's, nor one
    /// explained by one organisation), only a block, and only to accounts within <see cref="BanEvasionMaxAccountAge"/>.
    /// </summary>
    public bool SignupDomainBanEvasion { get; set; } = true;

    /// <summary>
    /// Ban evasion passes a verdict only to accounts at most this old (default 30 days) or of unknown age: a
    /// replacement is new, while an established account on the same card is more likely the card's owner, whose
    /// card a campaign used.
    /// </summary>
    public TimeSpan BanEvasionMaxAccountAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Whether an account whose own traffic shows <see cref="ConversationalUse"/> is held at review (default on): its
    /// risk stays under <see cref="ThrottleRisk"/> on its own evidence, it inherits no card-mate's throttle, and it does
    /// not count towards naming a campaign. Off, coordination alone enforces on it as on any account.
    /// </summary>
    public bool HoldConversationalUse { get; set; } = true;

    /// <summary>
    /// Networks whose addresses strangers share (CIDR blocks or addresses): a serverless platform's or a secure web
    /// gateway's egress, a carrier's NAT. Accounts there are not linked by their IP block, as a campaign renting one
    /// would be (docs/detection.md). IPv4 prefixes of /12 or narrower, IPv6 of /36 or narrower. Default none.
    /// </summary>
    public IReadOnlyList<string> SharedEgress { get; set; } = [];

    /// <summary>
    /// The risk model's coefficients. Default <see cref="RiskCoefficients.Default"/>, fitted on the simulator; a
    /// provider refits them on its own labelled accounts with <c>distillguard calibrate</c> (docs/detection.md).
    /// </summary>
    public RiskCoefficients RiskModel { get; set; } = RiskCoefficients.Default;

    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="network"/> when it cannot be a <see cref="SharedEgress"/> entry.</summary>
    public static void CheckSharedEgress(string network) => Engine.SharedEgress.Parse(network);

    /// <summary>Whether 0 &lt; review &lt;= throttle &lt;= block &lt;= 1.</summary>
    public static bool ThresholdsInOrder(double reviewRisk, double throttleRisk, double blockRisk) =>
        reviewRisk > 0 && reviewRisk <= throttleRisk && throttleRisk <= blockRisk && blockRisk <= 1;

    /// <summary>Throws <see cref="ArgumentException"/> unless <see cref="ThresholdsInOrder"/>.</summary>
    public static void CheckThresholds(double reviewRisk, double throttleRisk, double blockRisk)
    {
        if (!ThresholdsInOrder(reviewRisk, throttleRisk, blockRisk))
        {
            throw new ArgumentException("Risk thresholds must satisfy 0 < review <= throttle <= block <= 1.");
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> when thresholds are out of order or out of [0, 1], or a <see cref="SharedEgress"/> entry is not a block.</summary>
    public void Validate()
    {
        foreach (var network in SharedEgress)
        {
            CheckSharedEgress(network);
        }

        CheckThresholds(ReviewRisk, ThrottleRisk, BlockRisk);

        if (Tick <= TimeSpan.Zero || !AllowsReorderTolerance(ReorderTolerance))
        {
            throw new ArgumentException("Tick must be positive and longer than the reorder tolerance.");
        }

        if (ClusterInterval < Tick || ClusterInterval.Ticks % Tick.Ticks != 0)
        {
            throw new ArgumentException("ClusterInterval must be a whole number of ticks.");
        }

        if (BanEvasionMaxAccountAge < TimeSpan.Zero)
        {
            throw new ArgumentException("BanEvasionMaxAccountAge must not be negative.");
        }

        if (MinCampaignAccounts < 2)
        {
            throw new ArgumentException("A campaign needs at least two accounts.");
        }
    }
}
