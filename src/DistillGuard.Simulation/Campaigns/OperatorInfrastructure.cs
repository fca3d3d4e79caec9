using System.Globalization;
using DistillGuard.Simulation.Generation;
using DistillGuard.Simulation.Network;
using DistillGuard.Simulation.Text;

namespace DistillGuard.Simulation.Campaigns;

/// <summary>
/// An operator's infrastructure, derived only from the operator's name (never the scenario seed): the n-th payment
/// instrument, hosting block, residential exit, client fingerprint, template family, wrapper and CoT phrase are the
/// same in every scenario, so indicators exported from one scenario match the same operator in another.
/// </summary>
internal sealed class OperatorInfrastructure
{
    private static readonly string[][] Wrappers =
    [
        ["{body}", "{body}", "{body}"],
        ["### Task\n{body}\n\n### Requirements\n- Be complete and rigorous.\n- Output the full solution.", "Task:\n{body}\n\nRequirements: be complete and rigorous; output the full solution.", "Here is a task for you.\n{body}\nPlease be rigorous and give the complete solution."],
        ["[ID:{id}] {body}", "Item {id}. {body}", "#{id}: {body}"],
        ["You will be given a task. Solve it as a senior expert would.\n\nTASK: {body}", "Act as a senior domain expert and solve the following.\n{body}", "Expert mode. The task follows.\n{body}"],
        ["{body}\n\nRespond in English. Use Markdown headings and number every step.", "{body}\n\n(Answer in English with Markdown headings; number the steps.)", "{body}\nFormat: English, Markdown headings, numbered steps."],
    ];

    private static readonly string[] CotPhrases =
    [
        "Think step by step and show every step of your reasoning before the final answer.",
        "Before answering, write out your complete chain of thought in detail.",
        "Explain your full reasoning process, including intermediate steps and self-checks, then state the answer.",
        "Show all your work. Do not skip any reasoning steps, even obvious ones.",
        "First reason carefully inside <reasoning> tags, then give the answer inside <answer> tags.",
        "Walk through your thinking exhaustively, considering alternatives, before concluding.",
    ];

    private static readonly string[] SystemPromptChoices =
    [
        "You are a world-class expert assistant. Always provide complete, detailed and correct answers.",
        "You are a helpful assistant.",
        "You are an expert software engineer and researcher. Answer thoroughly.",
    ];

    private static readonly string[] UserAgents =
    [
        "python-httpx/0.27.0", "OpenAI/Python 1.51.0", "Anthropic/Python 0.39.0", "aiohttp/3.9.5", "okhttp/4.12.0", "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36", "Go-http-client/2.0",
    ];

    private readonly ulong _hash;
    private readonly AsnInfo[] _hostingAsns;
    private readonly AsnInfo[] _proxyAsns;
    private readonly Dictionary<TaskKind, int[]> _families = [];

    public OperatorInfrastructure(string operatorName, int templatesPerTask)
    {
        Name = operatorName;
        _hash = StableHash.Of(operatorName);
        _hostingAsns = PickDistinct(NetworkCatalog.Hosting, 3, 1);
        _proxyAsns = PickDistinct(NetworkCatalog.ProxyAndVpn, 2, 2);
        Wrapper = Wrappers[(int)(StableHash.Mix(_hash, 3) % (ulong)Wrappers.Length)];
        var cot1 = (int)(StableHash.Mix(_hash, 4) % (ulong)CotPhrases.Length);
        Cot = [CotPhrases[cot1], CotPhrases[(cot1 + 1 + (int)(StableHash.Mix(_hash, 5) % (ulong)(CotPhrases.Length - 1))) % CotPhrases.Length]];
        var s = StableHash.Mix(_hash, 6) % 5;
        SystemPrompt = s < 3 ? SystemPromptChoices[s] : null;
        var slug = operatorName.Replace("operator:", string.Empty, StringComparison.Ordinal);
        EmailDomains = ["gmail.com", "outlook.com", "proton.me", $"mail{StableHash.Hex(StableHash.Mix(_hash, 7), 4)}.com", $"{StableHash.Hex(StableHash.Mix(_hash, 8), 6)}-inbox.net"];
        Slug = slug;
        foreach (var kind in Enum.GetValues<TaskKind>())
        {
            var families = PromptLibrary.Families(kind);
            var n = Math.Min(templatesPerTask, families.Length);
            var picked = new int[n];
            var start = (int)(StableHash.Mix(_hash, 100 + (ulong)kind) % (ulong)families.Length);
            for (var i = 0; i < n; i++)
            {
                picked[i] = (start + i) % families.Length;
            }

            _families[kind] = picked;
        }
    }

    public string Name { get; }
    public string Slug { get; }

    /// <summary>The operator's prompt wrapper: index 0 is its fixed wording, the rest paraphrases.</summary>
    public string[] Wrapper { get; }

    public string[] Cot { get; }
    public string? SystemPrompt { get; }
    public string[] EmailDomains { get; }

    public int[] Families(TaskKind kind) => _families[kind];

    public string PaymentFingerprint(int index) => "pf_" + StableHash.Hex(StableHash.Mix(_hash, 0x10000UL + (ulong)index), 12);

    public Endpoint HostingEndpoint(int blockIndex, int host)
    {
        var asn = _hostingAsns[blockIndex % _hostingAsns.Length];
        var block = (int)(StableHash.Mix(_hash, 0x20000UL + (ulong)blockIndex) % 4096);
        return new Endpoint(IpSpace.V4(asn.Number, block, host), asn, asn.Country);
    }

    public Endpoint ProxyEndpoint(int index)
    {
        var asn = _proxyAsns[index % _proxyAsns.Length];
        var h = StableHash.Mix(_hash, 0x30000UL + (ulong)index);
        return new Endpoint(IpSpace.V4(asn.Number, (int)(h % 64), (int)((h >> 16) % 254)), asn, asn.Country);
    }

    /// <summary>The n-th exit of the operator's residential proxy pool: a consumer IP in one of the exit countries.</summary>
    public Endpoint ResidentialEndpoint(int exit, IReadOnlyList<string> countries)
    {
        var h = StableHash.Mix(_hash, 0x40000UL + (ulong)exit);
        var country = countries[(int)(h % (ulong)countries.Count)];
        var isps = Array.FindAll(NetworkCatalog.Isps, a => a.Country == country);
        var asn = isps.Length > 0 ? isps[(int)((h >> 8) % (ulong)isps.Length)] : NetworkCatalog.Isps[(int)((h >> 8) % (ulong)NetworkCatalog.Isps.Length)];
        var block = (int)((h >> 20) % 4096);
        var host = (int)((h >> 40) % 254);
        var ip = ((h >> 60) & 3) == 0 ? IpSpace.V6(asn.Number, block, host) : IpSpace.V4(asn.Number, block, host);
        return new Endpoint(ip, asn, country);
    }

    public ClientFingerprint Client(int index)
    {
        var h = StableHash.Mix(_hash, 0x50000UL + (ulong)index);
        var ua = UserAgents[(int)(h % (ulong)UserAgents.Length)];
        // Half the operator's clients present the stock TLS stack of their library; half a custom stack whose
        // fingerprint matches no mainstream client (a UA/TLS mismatch a careful analyst can see).
        var tls = ((h >> 32) & 1) == 0
            ? (ua.StartsWith("Mozilla", StringComparison.Ordinal) ? ClientCatalog.TlsPython : ua.StartsWith("node", StringComparison.Ordinal) ? ClientCatalog.TlsNode : ua.StartsWith("Go", StringComparison.Ordinal) ? ClientCatalog.TlsGo : ClientCatalog.TlsPython)
            : string.Create(CultureInfo.InvariantCulture, $"t13d{1000 + ((h >> 40) % 900)}h2_{StableHash.Hex(h, 12)}_{StableHash.Hex(StableHash.Mix(h, 1), 12)}");
        return new ClientFingerprint(ua, tls);
    }

    private T[] PickDistinct<T>(T[] from, int count, ulong salt)
    {
        var result = new T[Math.Min(count, from.Length)];
        var start = (int)(StableHash.Mix(_hash, salt) % (ulong)from.Length);
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = from[(start + i) % from.Length];
        }

        return result;
    }
}
