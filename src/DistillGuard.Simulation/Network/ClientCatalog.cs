using DistillGuard.Simulation.Generation;

namespace DistillGuard.Simulation.Network;

/// <summary>
/// User agents of the official SDKs, common HTTP libraries and agentic coding tools, each paired with the TLS
/// fingerprint of the stack it runs on. Honest clients of one library share a TLS fingerprint, exactly as in real
/// traffic, so a shared fingerprint alone proves nothing.
/// </summary>
internal static class ClientCatalog
{
    public const string TlsPython = "t13d1812h2_85036bcba153_375ca2c5e164";
    public const string TlsNode = "t13d1516h2_8daaf6152771_02713d6af862";
    public const string TlsGo = "t13d1311h2_f57a46bbacb6_e7c285222651";
    public const string TlsCurl = "t13d3112h2_e8f1e7e78f70_6bebaf5329ac";
    public const string TlsChrome = "t13d1516h2_8daaf6152771_b186095e22b6";
    public const string TlsJava = "t13d1611h2_3b5074b1b5d0_8f3d1c6e2a01";

    private static readonly string[] PythonSdkVersions = ["0.39.0", "0.40.0", "0.42.0", "0.45.2", "0.49.0", "0.51.0"];
    private static readonly string[] OpenAiPyVersions = ["1.51.0", "1.54.3", "1.57.4", "1.59.7", "1.61.0"];
    private static readonly string[] NodeSdkVersions = ["0.32.1", "0.33.1", "0.36.3", "0.37.0"];

    /// <summary>A developer or backend client: an SDK or an HTTP library, versions spread like real installs.</summary>
    public static ClientFingerprint Developer(SimRandom random) => random.Next(10) switch
    {
        0 or 1 or 2 => new($"Anthropic/Python {random.Pick(PythonSdkVersions)}", TlsPython),
        3 or 4 => new($"OpenAI/Python {random.Pick(OpenAiPyVersions)}", TlsPython),
        5 => new($"Anthropic/JS {random.Pick(NodeSdkVersions)}", TlsNode),
        6 => new("OpenAI/JS 4.71.0", TlsNode),
        7 => new($"python-httpx/0.2{random.Next(5, 9)}.{random.Next(0, 3)}", TlsPython),
        8 => new("curl/8.5.0", TlsCurl),
        _ => new("Go-http-client/2.0", TlsGo),
    };

    /// <summary>A casual user's client: a chat front-end, a notebook or a script.</summary>
    public static ClientFingerprint Casual(SimRandom random) => random.Next(6) switch
    {
        0 => new("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36", TlsChrome),
        1 => new("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", TlsChrome),
        2 => new("LibreChat/0.7.5", TlsNode),
        3 => new("Open WebUI/0.4.8 (aiohttp)", TlsPython),
        _ => Developer(random),
    };

    /// <summary>An agentic coding tool.</summary>
    public static ClientFingerprint AgenticTool(SimRandom random) => random.Next(5) switch
    {
        0 or 1 => new($"claude-cli/2.0.{random.Next(10, 40)} (external, cli)", TlsNode),
        2 => new("Cursor/0.43.6", TlsNode),
        3 => new($"aider/0.6{random.Next(0, 9)}.0", TlsPython),
        _ => new("Cline/3.2.0", TlsNode),
    };

    public static ClientFingerprint Java(SimRandom random) => new($"Java-http-client/{random.Next(17, 22)}", TlsJava);
}
