using System.Collections.Concurrent;
using DistillGuard.Core.Analysis;
using DistillGuard.Core.Findings;
using DistillGuard.Core.Intel;
using DistillGuard.Core.Log;

namespace DistillGuard.Core.Engine;

/// <summary>
/// The one detection engine behind both <c>scan</c> (a replay of the log in time order) and the live gateway.
/// <see cref="Observe(Exchange)"/> must be called from one thread at a time, in timestamp order; <see cref="GetStatus"/>
/// may be called from any thread.
/// </summary>
/// <remarks>
/// Exchanges are buffered until they lie <see cref="DetectionOptions.ReorderTolerance"/> behind the newest one, then
/// applied in a canonical order; verdicts are re-evaluated at each log-time tick boundary
/// (<see cref="DetectionOptions.Tick"/>), which is the honest log time at which the evidence became enough. See
/// docs/detection.md.
/// </remarks>
public sealed partial class DetectionEngine
{
    private readonly ConcurrentDictionary<string, AccountStatus> _published = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccountState> _byId = new(StringComparer.Ordinal);
    private readonly List<AccountState> _accounts = [];
    private readonly Dictionary<(AttributeKind Kind, ulong Key), AttributeStats> _attributes = [];
    private readonly Dictionary<string, ModelState> _models = new(StringComparer.Ordinal);
    private readonly CoordinationPass _coordination = new();

    /// <summary>Accounts holding a link first held by another account: the only ones clustering starts from.</summary>
    private readonly IndexBits _linked = new();

    /// <summary>
    /// Accounts whose own inputs changed since the last evaluation (traffic, an account record, an override on their
    /// card, a reload): the next one re-scores them, in index order, without walking every tracked account.
    /// </summary>
    private readonly IndexBits _dirty = new();

    /// <summary>Accounts with at least one applied exchange (the population attribute rarity is measured against).</summary>
    private int _activeAccounts;
    private readonly TimelineBuckets _timeline = new();
    private readonly ChunkedList<PendingExchange> _pending = new();

    /// <summary>Positions in <see cref="_pending"/> of the exchanges an application applies, put in canonical order.</summary>
    private readonly List<int> _apply = [];
    private readonly Dictionary<string, string> _shared = new(StringComparer.Ordinal);

    // Per string instance, in front of the lookups and hashes above: a scan repeats the same pooled instances. Addresses
    // and agents are cached only by the instance the engine shares (see Address), so no fresh copy is held.
    private readonly ReferenceCache<AccountState> _accountsByInstance = new(4096);
    private readonly ReferenceCache<ModelState> _modelsByInstance = new(64);
    private readonly ReferenceCache<(ulong Block, ulong Hash, string? Shared)> _addresses = new(4096);
    private readonly ReferenceCache<(string? Tls, ulong Hash, string? SharedUserAgent, string? SharedTls)> _clients = new(256);
    private readonly ExampleTexts _examples;
    private readonly SharedEgress _sharedEgress;
    private List<ClusterFeatures> _clusters = [];
    private long _tickEnd = -1;

    /// <summary>Log time before which every buffered exchange has been applied (inside the open tick).</summary>
    private long _appliedBefore = long.MinValue / 2;
    private long _appliedSinceEvaluation;

    /// <summary>Something other than traffic changed an input (an override): the next tick evaluates even if quiet.</summary>
    private bool _evaluationDue;
    private long _exchanges;
    private long _fromTicks = long.MaxValue;
    private long _toTicks = long.MinValue;

    /// <summary>The latest log time the engine has been moved to, by traffic or by the gateway's clock.</summary>
    private long _logNow = long.MinValue;

    public DetectionEngine(DetectionOptions options, IExchangeAnalyzer analyzer, IIntelMatcher? intel = null)
        : this(options, analyzer, intel, ExampleTexts.DefaultMaxBytes)
    {
    }

    /// <summary>An engine whose example-text buffer is bounded at <paramref name="maxExampleBytes"/> (tests of the bound).</summary>
    internal DetectionEngine(DetectionOptions options, IExchangeAnalyzer analyzer, int maxExampleBytes)
        : this(options, analyzer, null, maxExampleBytes)
    {
    }

    private DetectionEngine(DetectionOptions options, IExchangeAnalyzer analyzer, IIntelMatcher? intel, int maxExampleBytes)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(analyzer);
        options.Validate();
        Options = options;
        Analyzer = analyzer;
        Intel = intel;
        _examples = new ExampleTexts(maxExampleBytes);
        _sharedEgress = SharedEgress.From(options.SharedEgress);
    }

    public DetectionOptions Options { get; }

    public IExchangeAnalyzer Analyzer { get; }

    /// <summary>Peers' indicators, when loaded (<c>scan --intel</c>).</summary>
    public IIntelMatcher? Intel { get; }

    /// <summary>Raised (on the observing thread) when an account's verdict changes.</summary>
    public event Action<AccountStatus>? VerdictChanged;

    /// <summary>
    /// Raised (on the observing thread) after each evaluation, with how long it took: what a gateway reports so an
    /// operator sees the hourly re-clustering hold its log consumer. Nothing the engine decides depends on it.
    /// </summary>
    public event Action<EngineEvaluation>? Evaluated;

    /// <summary>What <see cref="Evaluated"/> measures durations with; the system's unless set.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Accounts the engine tracks (seen in traffic or in the accounts file).</summary>
    public int TrackedAccounts => _accounts.Count;

    /// <summary>Exchanges observed so far.</summary>
    public long ObservedExchanges => _exchanges;

    /// <summary>
    /// Exchanges observed but not yet applied (they wait out the reorder tolerance): what the engine's memory beyond
    /// its per-account state grows with. A snapshot that may be read from any thread.
    /// </summary>
    public int BufferedExchanges => _pending.Count;

    /// <summary>Bytes of prompt text kept for the buffered exchanges' template examples.</summary>
    internal int BufferedExampleBytes => _examples.Used;

    /// <summary>
    /// Tells the engine an account's record: its sign-up date, channel, verification, organisation, payment instrument
    /// and sign-up e-mail domain. A later record for a known account replaces the earlier, as the gateway's store does:
    /// one naming another card or domain, or none (a public e-mail provider's links nobody), takes the account off the
    /// one it named before. A record with <see cref="AccountRecord.EffectiveFrom"/> counts from that log time, in the
    /// canonical order of the exchanges (see DetectionEngine.LaterChanges.cs); one without counts from now.
    /// </summary>
    public void AddAccount(AccountRecord account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (account.EffectiveFrom is { } from)
        {
            ScheduleOrApply(new LaterChange(LogTicks(from.ToUniversalTime()), 0, account, null, null));
            return;
        }

        ApplyRecord(account, _logNow);
    }

    /// <summary>Puts <paramref name="account"/> in force; standings it changes date from <paramref name="at"/>.</summary>
    private void ApplyRecord(AccountRecord account, long at)
    {
        var state = GetOrCreate(account.AccountId);
        var paymentKey = string.IsNullOrEmpty(account.PaymentFingerprint) ? 0 : StableHash.Of(account.PaymentFingerprint) | 1;
        var domain = EmailDomains.Linkable(account.EmailDomain);
        var emailKey = domain is null ? 0 : StableHash.Of(domain) | 1;

        // Left as the account stood when it joined them, before this record moves its channel or organisation.
        var leftCard = state.PaymentKey != 0 && paymentKey != state.PaymentKey ? LeaveRecordLink(state, LinkSlots.Payment) : null;
        if (leftCard is not null)
        {
            state.PaymentKey = 0;
        }

        var leftDomain = state.EmailKey != 0 && emailKey != state.EmailKey ? LeaveRecordLink(state, LinkSlots.EmailDomain) : null;
        if (leftDomain is not null)
        {
            state.EmailKey = 0;
        }

        state.CreatedTicks = account.CreatedAt?.Ticks ?? 0;
        if (account.SignupChannel != state.Channel)
        {
            ChangeChannel(state, account.SignupChannel);
        }

        state.Verified = account.Verified;
        var org = string.IsNullOrEmpty(account.OrgId) ? 0 : StableHash.Of(account.OrgId) | 1;
        if (org != state.OrgKey)
        {
            MoveToOrganisation(state, org);
        }

        if (paymentKey != 0 && state.PaymentKey == 0)
        {
            state.PaymentKey = paymentKey;
            var payment = Register(state, AttributeKind.Payment, state.PaymentKey, account.PaymentFingerprint);
            Count(payment, state.HolderLevel, +1);
            if (state.Exchanges == 0)
            {
                AddNewcomer(state, payment, at);
            }

            // A new holder moves the card's weight, whoever it is.
            RestandLater(payment);
        }

        if (leftCard is not null)
        {
            // The account's level left one card (and reached another): their holders may inherit otherwise now.
            EvaluateHoldersOf(leftCard, state.Links[LinkSlots.Payment], state);
        }

        if (emailKey != 0 && state.EmailKey == 0)
        {
            state.EmailKey = emailKey;
            Count(Register(state, AttributeKind.EmailDomain, state.EmailKey, domain), state.HolderLevel, +1);
        }

        if (leftDomain is not null)
        {
            EvaluateHoldersOf(leftDomain, state.Links[LinkSlots.EmailDomain], state);
        }

        if (Intel is not null && state.CreatedTicks != 0)
        {
            state.AccountIntel = Intel.MatchAccount(account, account.CreatedAt!.Value);
        }

        _dirty.Set(state.Index, true);
        Restand(at);
    }

    public void AddModelRelease(ModelRelease release)
    {
        ArgumentNullException.ThrowIfNull(release);
        var model = GetModel(release.Model);
        model.ReleaseTicks = release.ReleasedAt.Ticks;
        model.ReleaseKnown = true;
    }

    /// <summary>Feeds one exchange; returns the account's verdict after it.</summary>
    public Verdict Observe(Exchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        return ReferenceEquals(exchange.AnalyzedBy, Analyzer)
            ? Observe(exchange, in exchange.Features)
            : Observe(exchange, Analyzer.Analyze(exchange));
    }

    /// <summary>Feeds one exchange whose features were computed already (e.g. on worker threads by <c>scan</c>).</summary>
    public Verdict Observe(Exchange exchange, in ExchangeFeatures features)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        var ticks = LogTicks(exchange.Timestamp);
        AdvanceTo(ticks);
        var account = GetOrCreate(exchange.AccountId);
        var address = Address(exchange.Ip, exchange.PooledStrings);
        var client = Client(exchange.UserAgent, exchange.TlsFingerprint, exchange.PooledStrings);
        // Only an exchange that can link by a template may give it its example text.
        var (promptStart, promptLength) = LinkedTemplate(features) != 0 ? _examples.Add(exchange.Request.LastUserChars) : default;
        _pending.Add(new PendingExchange
        {
            Ticks = ticks,
            Account = account,
            Features = features,
            BlockHash = address.Block,
            IpHash = address.Hash,
            ClientHash = client.Hash,
            CountryHash = PackCountry(exchange.Country),
            Ip = address.Shared,
            UserAgent = client.UserAgent,
            TlsFingerprint = client.TlsFingerprint,
            Asn = exchange.Asn ?? 0,
            AsnOrg = exchange.AsnOrg,
            AsnType = exchange.AsnType,
            Country = exchange.Country,
            Model = exchange.Model is null ? null : GetModel(exchange.Model),
            Usage = exchange.Usage,
            PromptStart = promptStart,
            PromptLength = promptLength,
            Intel = Intel?.MatchExchange(exchange, features),
        });
        _exchanges++;
        _fromTicks = Math.Min(_fromTicks, ticks);
        _toTicks = Math.Max(_toTicks, ticks);
        return account.Verdict;
    }

    /// <summary>
    /// Moves log time forward without traffic (the live gateway calls it from its clock), closing every tick that
    /// ended more than the reorder tolerance ago.
    /// </summary>
    public void Advance(DateTime now) => AdvanceTo(LogTicks(now.ToUniversalTime()));

    /// <summary>
    /// A time at the log's resolution, the millisecond: a live engine is given times a log line cannot hold, and would
    /// order exchanges within a millisecond, and place an account record, otherwise than a replay of its log.
    /// </summary>
    private static long LogTicks(DateTime utc) => utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond);

    public AccountStatus? GetStatus(string accountId) => _published.GetValueOrDefault(accountId);

    /// <summary>Builds the findings document for everything observed so far (closing and evaluating the open tick first).</summary>
    public FindingsDocument BuildFindings(long badRecords, DateTime generatedAt)
    {
        Flush();
        return new FindingsBuilder(this, _accounts, _clusters, _timeline, _models.Values).Build(badRecords, generatedAt);
    }

    /// <summary>
    /// The findings as the last evaluation left them, without closing the open tick: what a live gateway shows. Exchanges
    /// still waiting out the reorder tolerance count among the exchanges seen, not yet in any account's evidence.
    /// <see cref="BuildFindings"/> closes and evaluates everything buffered, as a scan's end does; on a live engine (a
    /// dashboard asks every second) it would apply exchanges before their tolerance has passed and evaluate and re-cluster
    /// at moments a scan of the log never does, so looking at the findings would change what the gateway decides.
    /// </summary>
    public FindingsDocument SnapshotFindings(DateTime generatedAt) =>
        new FindingsBuilder(this, _accounts, _clusters, _timeline, _models.Values).Build(0, generatedAt);

    internal long FromTicks => _fromTicks;

    internal long ToTicks => _toTicks;

    internal long ExchangeCount => _exchanges;

    internal IEnumerable<AttributeStats> Attributes => _attributes.Values;

    private AccountState GetOrCreate(string id)
    {
        if (_accountsByInstance.TryGet(id, out var state))
        {
            return state;
        }

        if (!_byId.TryGetValue(id, out state))
        {
            state = new AccountState(id, _accounts.Count);
            _byId.Add(id, state);
            _accounts.Add(state);
            state.Published = new AccountStatus(id, Verdict.Allow, 0, null, null);
            _published[id] = state.Published;
        }

        _accountsByInstance.Set(id, state);
        return state;
    }

    /// <summary>An address's /24 (/48) block key (0 in a shared egress network), its own key and its shared instance.</summary>
    private (ulong Block, ulong Hash, string? Shared) Address(string? ip, bool pooled)
    {
        if (ip is null)
        {
            return (0, 0, null);
        }

        if (!_addresses.TryGet(ip, out var address))
        {
            // An address in a shared egress network keeps its own key (network diversity) but links no one by its block.
            var block = IpBlocks.BlockHash(ip);
            address = (_sharedEgress.Contains(block) ? 0 : block, StableHash.Of(ip) | 1, Shared(ip));
            if (pooled || ReferenceEquals(address.Shared, ip))
            {
                // Only an instance the engine or a reader's pool keeps anyway: a gateway's fresh copy per request must
                // not be held here. A scan's parsers pool one instance each, so the canonical one is often the other's.
                _addresses.Set(ip, address);
            }
        }

        return address;
    }

    /// <summary>A client's fingerprint key (agent and TLS together) and the shared instances of both.</summary>
    private (ulong Hash, string? UserAgent, string? TlsFingerprint) Client(string? userAgent, string? tls, bool pooled)
    {
        if (userAgent is null)
        {
            return (ClientHash(null, tls), null, Shared(tls));
        }

        if (!_clients.TryGet(userAgent, out var client) || !ReferenceEquals(client.Tls, tls))
        {
            client = (tls, ClientHash(userAgent, tls), Shared(userAgent), Shared(tls));
            if (pooled || (ReferenceEquals(client.SharedUserAgent, userAgent) && ReferenceEquals(client.SharedTls, tls)))
            {
                _clients.Set(userAgent, client);
            }
        }

        return (client.Hash, client.SharedUserAgent, client.SharedTls);
    }

    /// <summary>
    /// One instance per value for the strings a buffered exchange keeps: the gateway builds a new string per request
    /// for the client address and agent, and the reorder tolerance's worth of them would otherwise survive into older
    /// GC generations.
    /// </summary>
    private string? Shared(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (_shared.TryGetValue(value, out var known))
        {
            return known;
        }

        if (_shared.Count >= 1 << 16)
        {
            _shared.Clear();
        }

        _shared.Add(value, value);
        return value;
    }

    private ModelState GetModel(string name)
    {
        if (_modelsByInstance.TryGet(name, out var model))
        {
            return model;
        }

        if (!_models.TryGetValue(name, out model))
        {
            model = new ModelState(name);
            _models.Add(name, model);
        }

        _modelsByInstance.Set(name, model);
        return model;
    }

    private static ulong ClientHash(string? userAgent, string? tls)
    {
        if (userAgent is null && tls is null)
        {
            return 0;
        }

        var hash = StableHash.Of(userAgent ?? string.Empty);
        hash = StableHash.Continue(hash, "|");
        return StableHash.Continue(hash, tls ?? string.Empty) | 1;
    }

    /// <summary>Two-letter country codes pack losslessly into a key, so findings can print them back.</summary>
    internal static ulong PackCountry(string? country) =>
        country is { Length: 2 } ? ((ulong)char.ToUpperInvariant(country[0]) << 16) | char.ToUpperInvariant(country[1]) : 0;

    internal static string UnpackCountry(ulong key) => string.Concat((char)(key >> 16), (char)(key & 0xffff));
}
