namespace DistillGuard.Core.Log;

/// <summary>Wire names of the exchange-log format (shared/spec/exchange-log.md), in one place for readers and writers.</summary>
public static class LogNames
{
    /// <summary>
    /// The files that sit beside an exchange log without being one: the accounts and model-release files (the
    /// simulator's and the gateway's) and the gateway's overrides. A folder given as a log leaves them out.
    /// </summary>
    public static bool IsSideFile(string fileName) => fileName is "accounts.jsonl" or "models.jsonl" or "overrides.jsonl";

    public const string AnthropicMessages = "anthropic.messages";
    public const string OpenAIChat = "openai.chat";

    public static string ToWire(ApiShape api) => api switch
    {
        ApiShape.AnthropicMessages => AnthropicMessages,
        ApiShape.OpenAIChat => OpenAIChat,
        _ => "unknown",
    };

    public static ApiShape ParseApi(ReadOnlySpan<char> value) =>
        value.SequenceEqual(AnthropicMessages) ? ApiShape.AnthropicMessages
        : value.SequenceEqual(OpenAIChat) ? ApiShape.OpenAIChat
        : ApiShape.Unknown;

    public static string ToWire(AsnType type) => type switch
    {
        AsnType.Isp => "isp",
        AsnType.Hosting => "hosting",
        AsnType.Business => "business",
        AsnType.Education => "education",
        AsnType.Proxy => "proxy",
        AsnType.Vpn => "vpn",
        _ => "unknown",
    };

    public static AsnType ParseAsnType(ReadOnlySpan<char> value) => value switch
    {
        "isp" => AsnType.Isp,
        "hosting" => AsnType.Hosting,
        "business" => AsnType.Business,
        "education" => AsnType.Education,
        "proxy" => AsnType.Proxy,
        "vpn" => AsnType.Vpn,
        _ => AsnType.Unknown,
    };

    /// <summary><see cref="ParseAsnType(ReadOnlySpan{char})"/> over UTF-8 (the readers' form).</summary>
    public static AsnType ParseAsnType(ReadOnlySpan<byte> value) =>
        value.SequenceEqual("isp"u8) ? AsnType.Isp
        : value.SequenceEqual("hosting"u8) ? AsnType.Hosting
        : value.SequenceEqual("business"u8) ? AsnType.Business
        : value.SequenceEqual("education"u8) ? AsnType.Education
        : value.SequenceEqual("proxy"u8) ? AsnType.Proxy
        : value.SequenceEqual("vpn"u8) ? AsnType.Vpn
        : AsnType.Unknown;

    public static string ToWire(SignupChannel channel) => channel switch
    {
        SignupChannel.Standard => "standard",
        SignupChannel.Education => "education",
        SignupChannel.ResearchProgram => "research_program",
        SignupChannel.StartupProgram => "startup_program",
        SignupChannel.Enterprise => "enterprise",
        SignupChannel.Reseller => "reseller",
        _ => "unknown",
    };

    public static SignupChannel ParseSignupChannel(ReadOnlySpan<char> value) => value switch
    {
        "standard" => SignupChannel.Standard,
        "education" => SignupChannel.Education,
        "research_program" => SignupChannel.ResearchProgram,
        "startup_program" => SignupChannel.StartupProgram,
        "enterprise" => SignupChannel.Enterprise,
        "reseller" => SignupChannel.Reseller,
        _ => SignupChannel.Unknown,
    };

    /// <summary><see cref="ParseSignupChannel(ReadOnlySpan{char})"/> over UTF-8 (the readers' form).</summary>
    public static SignupChannel ParseSignupChannel(ReadOnlySpan<byte> value) =>
        value.SequenceEqual("standard"u8) ? SignupChannel.Standard
        : value.SequenceEqual("education"u8) ? SignupChannel.Education
        : value.SequenceEqual("research_program"u8) ? SignupChannel.ResearchProgram
        : value.SequenceEqual("startup_program"u8) ? SignupChannel.StartupProgram
        : value.SequenceEqual("enterprise"u8) ? SignupChannel.Enterprise
        : value.SequenceEqual("reseller"u8) ? SignupChannel.Reseller
        : SignupChannel.Unknown;

    /// <summary>Length of a time as <see cref="FormatTime(DateTime, Span{byte})"/> writes it: <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>.</summary>
    public const int TimeLength = 24;

    /// <summary>RFC 3339 UTC with milliseconds, as every DistillGuard writer emits time.</summary>
    public static string FormatTime(DateTime utc)
    {
        Span<byte> text = stackalloc byte[TimeLength];
        FormatTime(utc, text);
        return System.Text.Encoding.ASCII.GetString(text);
    }

    /// <summary>
    /// Writes <paramref name="utc"/> as <c>yyyy-MM-ddTHH:mm:ss.fffZ</c> (milliseconds truncated) into the first
    /// <see cref="TimeLength"/> bytes of <paramref name="destination"/>. Digit by digit: formatting through a custom
    /// format string was a third of the gateway's time spent writing a log line.
    /// </summary>
    public static void FormatTime(DateTime utc, Span<byte> destination)
    {
        var text = destination[..TimeLength];
        var (year, month, day) = utc;
        var time = utc.Ticks % TimeSpan.TicksPerDay;
        Digits(text[..4], year);
        text[4] = (byte)'-';
        Digits(text.Slice(5, 2), month);
        text[7] = (byte)'-';
        Digits(text.Slice(8, 2), day);
        text[10] = (byte)'T';
        Digits(text.Slice(11, 2), (int)(time / TimeSpan.TicksPerHour));
        text[13] = (byte)':';
        Digits(text.Slice(14, 2), (int)(time / TimeSpan.TicksPerMinute % 60));
        text[16] = (byte)':';
        Digits(text.Slice(17, 2), (int)(time / TimeSpan.TicksPerSecond % 60));
        text[19] = (byte)'.';
        Digits(text.Slice(20, 3), (int)(time / TimeSpan.TicksPerMillisecond % 1000));
        text[23] = (byte)'Z';
    }

    /// <summary>Writes <paramref name="value"/> as exactly <c>destination.Length</c> decimal digits, zero-padded.</summary>
    private static void Digits(Span<byte> destination, int value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }
}
