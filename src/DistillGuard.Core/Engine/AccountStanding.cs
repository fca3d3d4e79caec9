namespace DistillGuard.Core.Engine;

/// <summary>
/// The verdict a gateway enforces on an account before the engine has applied any exchange of it: a young account on
/// a payment instrument whose other holder is throttled or blocked is refused from its first request, because the
/// engine will give it that holder's verdict once it applies the request (<see cref="DetectionOptions.PaymentBanEvasion"/>).
/// <see cref="Verdict.Allow"/> withdraws an earlier standing.
/// </summary>
/// <param name="AccountId">The account, known to the engine before its traffic (accounts file, gateway store).</param>
/// <param name="Verdict">What to enforce on its requests until the engine has applied one.</param>
/// <param name="Until">When the account grows too old to be a replacement (<see cref="DetectionOptions.BanEvasionMaxAccountAge"/>
/// after it was created); null when its creation is unknown.</param>
public sealed record AccountStanding(string AccountId, Verdict Verdict, DateTime? Until);
