using System.Text;
using DistillGuard.Core.Log;

namespace DistillGuard.Core.Tests.Log;

public sealed class ExchangeParserTests
{
    private static Exchange Parse(string line, ExchangeParser? parser = null, Exchange? target = null)
    {
        target ??= new Exchange();
        var ok = (parser ?? new ExchangeParser()).TryParse(Encoding.UTF8.GetBytes(line), target, out var error);
        Assert.True(ok, error.Message);
        return target;
    }

    private static ParseError Fail(string line)
    {
        var ok = new ExchangeParser().TryParse(Encoding.UTF8.GetBytes(line), new Exchange(), out var error);
        Assert.False(ok);
        return error;
    }

    [Fact]
    public void TryParse_SpecExample_ReadsEveryField()
    {
        var e = Parse(LogLines.SpecExample);

        Assert.Equal(new DateTime(2026, 4, 22, 3, 14, 7, 123, DateTimeKind.Utc), e.Timestamp);
        Assert.Equal(DateTimeKind.Utc, e.Timestamp.Kind);
        Assert.Equal("req_01", e.RequestId);
        Assert.Equal("acct_7f3a", e.AccountId);
        Assert.Equal("key_1", e.ApiKeyId);
        Assert.Equal("203.0.113.7", e.Ip);
        Assert.Equal(64500, e.Asn);
        Assert.Equal(AsnType.Hosting, e.AsnType);
        Assert.Equal("SG", e.Country);
        Assert.Equal("python-httpx/0.27.0", e.UserAgent);
        Assert.Equal(ApiShape.AnthropicMessages, e.Api);
        Assert.Equal("frontier-large-2", e.Model);
        Assert.Equal(18230, e.LatencyMs);
        Assert.Equal(8192, e.Request.MaxTokens);
        Assert.Equal(6000, e.Request.ThinkingBudget);
        Assert.Equal(1, e.Request.UserTurns);
        Assert.StartsWith("Solve the following problem. Think step by step", e.Request.LastUserText);
        Assert.Contains("\n\nProblem: ...", e.Request.LastUserText);
        Assert.Null(e.Request.FirstUserText);
        Assert.NotNull(e.Response);
        Assert.True(e.Response.HasReasoning);
        Assert.Equal("...", e.Response.Text);
        Assert.Equal("end_turn", e.Response.StopReason);
        Assert.Equal(new TokenUsage(412, 2310, 0), e.Usage);
    }

    [Fact]
    public void TryParse_AnthropicBlocks_NormalisesSystemTurnsToolsImagesAndToolResults()
    {
        var line = """
            {"ts":"2026-04-22T03:14:07Z","account_id":"a","api":"anthropic.messages","request":{"model":"m","max_tokens":512,"temperature":0.3,"stream":true,
             "system":[{"type":"text","text":"You are a coder."},{"type":"text","text":"Be terse."}],
             "tools":[{"name":"bash","description":"run","input_schema":{"type":"object"}},{"name":"read_file","input_schema":{}}],
             "messages":[
               {"role":"user","content":[{"type":"text","text":"first question"},{"type":"image","source":{"type":"base64","data":"AAA"}}]},
               {"role":"assistant","content":[{"type":"text","text":"ok"},{"type":"tool_use","id":"t1","name":"bash","input":{"cmd":"ls"}}]},
               {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":[{"type":"text","text":"file.txt"}]}]},
               {"role":"assistant","content":"done"},
               {"role":"user","content":[{"text":"second question","type":"text"},{"type":"text","text":"more"}]}]},
             "response":{"content":[{"type":"text","text":"answer"},{"type":"tool_use","id":"t2","name":"bash","input":{}},{"type":"tool_use","id":"t3","name":"bash","input":{}}],"stop_reason":"tool_use","usage":{"input_tokens":10,"output_tokens":20}}}
            """.ReplaceLineEndings(string.Empty);

        var e = Parse(line);

        Assert.Equal("You are a coder.\nBe terse.", e.Request.SystemPrompt);
        Assert.Equal(["bash", "read_file"], e.Request.ToolNames);
        Assert.Equal(2, e.Request.UserTurns);
        Assert.Equal(2, e.Request.AssistantTurns);
        Assert.Equal(1, e.Request.ToolResultCount);
        Assert.Equal(1, e.Request.ImageCount);
        Assert.Equal("second question\nmore", e.Request.LastUserText);
        Assert.Equal("first question", e.Request.FirstUserText);
        Assert.Equal(512, e.Request.MaxTokens);
        Assert.Equal(0.3, e.Request.Temperature);
        Assert.True(e.Request.Stream);
        Assert.Equal("answer", e.Response!.Text);
        Assert.Equal(2, e.Response.ToolCallCount);
        Assert.False(e.Response.HasReasoning);
        Assert.Equal("tool_use", e.Response.StopReason);
        Assert.Equal(new TokenUsage(10, 20, 0), e.Usage);
    }

    [Fact]
    public void TryParse_OpenAIParts_NormalisesSystemDeveloperToolsImagesAndToolMessages()
    {
        var line = """
            {"ts":"2026-04-22T05:14:07+02:00","account_id":"b","api":"openai.chat","request":{"model":"gpt-x","max_completion_tokens":2048,"reasoning_effort":"high","user":"u1",
             "tools":[{"type":"function","function":{"name":"get_weather","parameters":{}}},{"type":"function","function":{"name":"search"}}],
             "messages":[
               {"role":"system","content":"System A"},
               {"role":"developer","content":[{"type":"text","text":"Developer B"}]},
               {"role":"user","content":[{"type":"text","text":"look at this"},{"type":"image_url","image_url":{"url":"data:..."}},{"type":"image_url","image_url":{"url":"https://x"}}]},
               {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"search","arguments":"{}"}}]},
               {"role":"tool","tool_call_id":"c1","content":"result"},
               {"role":"user","content":"and now?"}]},
             "response":{"choices":[{"index":0,"message":{"role":"assistant","content":"Sunny.","reasoning_content":"thinking...","tool_calls":[{"id":"c2"},{"id":"c3"}]},"finish_reason":"tool_calls"},{"index":1,"message":{"content":"ignored"}}],
               "usage":{"prompt_tokens":100,"completion_tokens":50,"completion_tokens_details":{"reasoning_tokens":30}}}}
            """.ReplaceLineEndings(string.Empty);

        var e = Parse(line);

        Assert.Equal(new DateTime(2026, 4, 22, 3, 14, 7, DateTimeKind.Utc), e.Timestamp);
        Assert.Equal(ApiShape.OpenAIChat, e.Api);
        Assert.Equal("System A\nDeveloper B", e.Request.SystemPrompt);
        Assert.Equal(["get_weather", "search"], e.Request.ToolNames);
        Assert.Equal(2, e.Request.UserTurns);
        Assert.Equal(1, e.Request.AssistantTurns);
        Assert.Equal(1, e.Request.ToolResultCount);
        Assert.Equal(2, e.Request.ImageCount);
        Assert.Equal("and now?", e.Request.LastUserText);
        Assert.Equal("look at this", e.Request.FirstUserText);
        Assert.Equal(2048, e.Request.MaxTokens);
        Assert.Equal("high", e.Request.ReasoningEffort);
        Assert.Null(e.Request.ThinkingBudget);
        Assert.Equal("Sunny.", e.Response!.Text);
        Assert.True(e.Response.HasReasoning);
        Assert.Equal(2, e.Response.ToolCallCount);
        Assert.Equal("tool_calls", e.Response.StopReason);
        Assert.Equal(new TokenUsage(100, 50, 30), e.Usage);
    }

    [Fact]
    public void TryParse_EnvelopeUsage_WinsOverResponseUsage()
    {
        var line = """{"ts":"2026-04-22T03:14:07Z","account_id":"a","api":"anthropic.messages","usage":{"input_tokens":1,"output_tokens":2,"reasoning_tokens":3},"request":{"messages":[]},"response":{"content":[],"usage":{"input_tokens":10,"output_tokens":20}}}""";

        Assert.Equal(new TokenUsage(1, 2, 3), Parse(line).Usage);
    }

    [Fact]
    public void TryParse_NoUsageAnywhere_UsageIsZero()
    {
        var e = Parse(LogLines.AtSecond(0));

        Assert.Equal(default, e.Usage);
        Assert.Null(e.Response);
    }

    [Theory]
    [InlineData("""{"model":"m","system":"s","messages":[{"role":"user","content":"x"}]}""", ApiShape.AnthropicMessages)]
    [InlineData("""{"model":"m","max_tokens":5,"thinking":{"type":"enabled","budget_tokens":100},"messages":[{"role":"user","content":"x"}]}""", ApiShape.AnthropicMessages)]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":[{"type":"image","source":{}}]}]}""", ApiShape.AnthropicMessages)]
    [InlineData("""{"model":"m","tools":[{"name":"t","input_schema":{}}],"messages":[{"role":"user","content":"x"}]}""", ApiShape.AnthropicMessages)]
    [InlineData("""{"model":"m","messages":[{"role":"system","content":"s"},{"role":"user","content":"x"}]}""", ApiShape.OpenAIChat)]
    [InlineData("""{"model":"m","max_completion_tokens":5,"messages":[{"role":"user","content":"x"}]}""", ApiShape.OpenAIChat)]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"u"}}]}]}""", ApiShape.OpenAIChat)]
    [InlineData("""{"model":"m","tools":[{"type":"function","function":{"name":"f"}}],"messages":[{"role":"user","content":"x"}]}""", ApiShape.OpenAIChat)]
    public void TryParse_NoApiField_DetectsShapeFromRequest(string request, ApiShape expected)
    {
        var e = Parse($$"""{"ts":"2026-04-22T03:14:07Z","account_id":"a","request":{{request}}}""");

        Assert.Equal(expected, e.Api);
    }

    [Fact]
    public void TryParse_NoApiFieldAmbiguousRequest_UsesResponseShape()
    {
        var e = Parse("""{"ts":"2026-04-22T03:14:07Z","account_id":"a","request":{"model":"m","messages":[{"role":"user","content":"x"}]},"response":{"choices":[{"message":{"content":"y"}}]}}""");

        Assert.Equal(ApiShape.OpenAIChat, e.Api);
        Assert.Equal("y", e.Response!.Text);
    }

    [Fact]
    public void TryParse_NoApiFieldAndNoTellingShape_IsUnknownApiShape()
    {
        var error = Fail("""{"ts":"2026-04-22T03:14:07Z","account_id":"a","request":{"model":"m","messages":[{"role":"user","content":"x"}]}}""");

        Assert.Equal(BadRecordKind.UnknownApiShape, error.Kind);
        Assert.Equal("api", error.Field);
        Assert.Contains("'api'", error.Message);
    }

    [Fact]
    public void TryParse_UnknownApiValue_IsUnknownApiShapeNamingTheValue()
    {
        var error = Fail("""{"ts":"2026-04-22T03:14:07Z","account_id":"a","api":"google.gemini","request":{"contents":[]}}""");

        Assert.Equal(BadRecordKind.UnknownApiShape, error.Kind);
        Assert.Equal("api", error.Field);
        Assert.Contains("google.gemini", error.Message);
    }

    [Theory]
    [InlineData("""{"ts":"2026-04-22T03:14:07Z","account_id":"a","api":"openai.chat","request":{}""", BadRecordKind.MalformedJson, null)]
    [InlineData("""not json at all""", BadRecordKind.MalformedJson, null)]
    [InlineData("""[1,2,3]""", BadRecordKind.MalformedJson, null)]
    [InlineData("""{"ts":"2026-04-22T03:14:07Z","account_id":"a","api":"openai.chat","request":{}} {"again":1}""", BadRecordKind.MalformedJson, null)]
    [InlineData("""{"account_id":"a","api":"openai.chat","request":{}}""", BadRecordKind.MissingField, "ts")]
    [InlineData("""{"ts":"2026-04-22T03:14:07Z","api":"openai.chat","request":{}}""", BadRecordKind.MissingField, "account_id")]
    [InlineData("""{"ts":"2026-04-22T03:14:07Z","account_id":"","api":"openai.chat","request":{}}""", BadRecordKind.MissingField, "account_id")]
    [InlineData("""{"ts":"2026-04-22T03:14:07Z","account_id":"a","api":"openai.chat"}""", BadRecordKind.MissingField, "request")]
    [InlineData("""{"ts":"2026-04-22T03:14:07Z","account_id":"a","api":"openai.chat","request":null}""", BadRecordKind.MissingField, "request")]
    [InlineData("""{"ts":"22/04/2026 03:14","account_id":"a","api":"openai.chat","request":{}}""", BadRecordKind.BadTimestamp, "ts")]
    [InlineData("""{"ts":"2026-04-22T03:14:07","account_id":"a","api":"openai.chat","request":{}}""", BadRecordKind.BadTimestamp, "ts")]
    [InlineData("""{"ts":"2026-02-30T03:14:07Z","account_id":"a","api":"openai.chat","request":{}}""", BadRecordKind.BadTimestamp, "ts")]
    [InlineData("""{"ts":1713755647,"account_id":"a","api":"openai.chat","request":{}}""", BadRecordKind.WrongType, "ts")]
    [InlineData("""{"ts":"2026-04-22T03:14:07Z","account_id":42,"api":"openai.chat","request":{}}""", BadRecordKind.WrongType, "account_id")]
    [InlineData("""{"ts":"2026-04-22T03:14:07Z","account_id":"a","api":"openai.chat","request":"hello"}""", BadRecordKind.WrongType, "request")]
    [InlineData("""{"ts":"2026-04-22T03:14:07Z","account_id":"a","api":"openai.chat","request":{},"asn":"AS64500"}""", BadRecordKind.WrongType, "asn")]
    [InlineData("""{"ts":"2026-04-22T03:14:07Z","account_id":"a","api":"openai.chat","request":{},"response":[1]}""", BadRecordKind.WrongType, "response")]
    [InlineData("""{"ts":"2026-04-22T03:14:07Z","account_id":"a","api":"openai.chat","request":{},"usage":{"input_tokens":"12"}}""", BadRecordKind.WrongType, "usage.input_tokens")]
    [InlineData("""{"ts":"2026-04-22T03:14:07Z","account_id":"a","api":"openai.chat","request":{},"latency_ms":"slow"}""", BadRecordKind.WrongType, "latency_ms")]
    [InlineData("""{"ts":"2026-04-22T03:14:07Z","account_id":"a","api":7,"request":{}}""", BadRecordKind.WrongType, "api")]
    public void TryParse_BadRecord_ReportsKindAndField(string line, BadRecordKind kind, string? field)
    {
        var error = Fail(line);

        Assert.Equal(kind, error.Kind);
        Assert.Equal(field, error.Field);
        if (field is not null)
        {
            Assert.Contains($"'{field}'", error.Message);
        }
    }

    [Theory]
    [InlineData("2026-04-22T03:14:07Z", "2026-04-22T03:14:07.0000000Z")]
    [InlineData("2026-04-22t03:14:07.5z", "2026-04-22T03:14:07.5000000Z")]
    [InlineData("2026-04-22 03:14:07.123456789+00:00", "2026-04-22T03:14:07.1234567Z")]
    [InlineData("2026-04-22T01:14:07-02:00", "2026-04-22T03:14:07.0000000Z")]
    [InlineData("2026-04-22T09:44:07+06:30", "2026-04-22T03:14:07.0000000Z")]
    [InlineData("2026-01-01T00:30:00+01:00", "2025-12-31T23:30:00.0000000Z")]
    public void TryParse_TimestampWithAnyOffset_IsUtc(string ts, string expectedUtc)
    {
        var e = Parse(LogLines.At(ts));

        Assert.Equal(DateTimeKind.Utc, e.Timestamp.Kind);
        Assert.Equal(expectedUtc, e.Timestamp.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void TryParse_UnknownFieldsAnywhere_AreSkipped()
    {
        var e = Parse("""{"x_future":{"deep":[1,{"a":null}]},"ts":"2026-04-22T03:14:07Z","account_id":"a","api":"anthropic.messages","request":{"zz":[{"role":"user"}],"messages":[{"role":"user","content":"hi","cache_control":{"type":"ephemeral"}}]},"extra":true}""");

        Assert.Equal("hi", e.Request.LastUserText);
        Assert.Equal(1, e.Request.UserTurns);
    }

    [Fact]
    public void TryParse_RoleAfterContentAndEscapedText_ReadsText()
    {
        var e = Parse("""{"ts":"2026-04-22T03:14:07Z","account_id":"a\u0062","api":"anthropic.messages","request":{"messages":[{"content":"line1\nline2 \"q\" \u00e9","role":"user"}]}}""");

        Assert.Equal("ab", e.AccountId);
        Assert.Equal("line1\nline2 \"q\" é", e.Request.LastUserText);
    }

    [Fact]
    public void TryParse_HugeTexts_AreCappedButResponseLengthIsKept()
    {
        var big = new string('x', 50_000);
        var parser = new ExchangeParser(maxTextChars: 1000);
        var line = $$$"""{"ts":"2026-04-22T03:14:07Z","account_id":"a","api":"anthropic.messages","request":{"system":"{{{big}}}","messages":[{"role":"user","content":"{{{big}}}\u00e9"}]},"response":{"content":[{"type":"text","text":"{{{big}}}"},{"type":"text","text":"tail"}]}}""";

        var e = Parse(line, parser);

        Assert.Equal(1000, e.Request.LastUserText.Length);
        Assert.Equal(1000, e.Request.SystemPrompt!.Length);
        Assert.Equal(1000, e.Response!.Text.Length);
        Assert.Equal(50_000 + 1 + 4, e.Response.TextLength);
    }

    [Fact]
    public void TryParse_ResponseTextCapZero_KeepsNoTextButCountsItsLength()
    {
        var parser = new ExchangeParser(maxResponseTextChars: 0);
        var line = """{"ts":"2026-04-22T03:14:07Z","account_id":"a","api":"anthropic.messages","request":{"messages":[{"role":"user","content":"q"}]},"response":{"content":[{"type":"text","text":"plain"},{"type":"text","text":"esc\naped \u00e9"}]}}""";

        var e = Parse(line, parser);

        Assert.Equal(string.Empty, e.Response!.Text);
        Assert.Equal("plain\nesc\naped é".Length, e.Response.TextLength);
        Assert.Equal("q", e.Request.LastUserText);
    }

    [Fact]
    public void TryParse_AssistantTurnsRoleFirstOrLast_OnlyCountedAndTheirBlocksTallied()
    {
        var line = """{"ts":"2026-04-22T03:14:07Z","account_id":"a","api":"anthropic.messages","request":{"messages":[{"role":"user","content":"first ask"},{"role":"assistant","content":[{"type":"text","text":"an answer"},{"type":"image","source":{}}]},{"content":"more \u00e9 answer","role":"assistant"},{"role":"user","content":[{"type":"text","text":"last \n ask"}]}]},"response":{"content":[{"type":"text","text":"ok"}]}}""";

        var e = Parse(line, new ExchangeParser());

        Assert.Equal("last \n ask", e.Request.LastUserText);
        Assert.Equal("first ask", e.Request.FirstUserText);
        Assert.Equal(2, e.Request.UserTurns);
        Assert.Equal(2, e.Request.AssistantTurns);
        Assert.Equal(1, e.Request.ImageCount);
    }

    [Fact]
    public void TryParse_EscapedEnvelopeNames_ReadAsTheirUnescapedFields()
    {
        var line = """{"t\u0073":"2026-04-22T03:14:07Z","account\u005fid":"acct_x","\u0069p":"203.0.113.9","user_agen\u0074":"curl/8","request":{"messages":[{"role":"user","content":"q"}]},"api":"anthropic.messages"}""";

        var e = Parse(line, new ExchangeParser());

        Assert.Equal("acct_x", e.AccountId);
        Assert.Equal("203.0.113.9", e.Ip);
        Assert.Equal("curl/8", e.UserAgent);
        Assert.Equal(new DateTime(2026, 4, 22, 3, 14, 7, DateTimeKind.Utc), e.Timestamp);
    }

    [Fact]
    public void TryParse_ReusedTarget_ClearsEverythingFromThePreviousRecord()
    {
        var parser = new ExchangeParser();
        var target = new Exchange();
        Parse(LogLines.SpecExample, parser, target);
        Parse("""{"ts":"2026-04-22T03:14:07Z","account_id":"z","api":"anthropic.messages","request":{"tools":[{"name":"t1","input_schema":{}}],"messages":[{"role":"user","content":"x"}]}}""", parser, target);

        var e = Parse("""{"ts":"2026-04-23T00:00:00Z","account_id":"b","api":"openai.chat","request":{"messages":[{"role":"user","content":"q"}]}}""", parser, target);

        Assert.Same(target, e);
        Assert.Null(e.Response);
        Assert.Null(e.Ip);
        Assert.Null(e.Asn);
        Assert.Null(e.Model);
        Assert.Empty(e.Request.ToolNames);
        Assert.Null(e.Request.ThinkingBudget);
        Assert.Null(e.Request.MaxTokens);
        Assert.Equal(1, e.Request.UserTurns);
        Assert.Equal(default, e.Usage);
    }

    [Fact]
    public void TryParse_ReusedTarget_TextsKeptInItsBuffersAndStringsTakenEarlierStayIntact()
    {
        var parser = new ExchangeParser();
        var target = new Exchange();
        var multiTurn = """{"ts":"2026-04-22T03:14:07Z","request_id":"req_\u0041\"long one","account_id":"a","api":"openai.chat","request":{"messages":[{"role":"user","content":"first task, stated at length"},{"role":"assistant","content":"ok"},{"role":"user","content":"a long follow-up question about the first task"}]}}""";
        var e = Parse(multiTurn, parser, target);
        Assert.Equal("req_A\"long one", e.RequestId);
        Assert.Equal("a long follow-up question about the first task", e.Request.LastUserChars.ToString());
        Assert.Equal("first task, stated at length", e.Request.FirstUserChars.ToString());
        var keptPrompt = e.Request.LastUserText;
        var keptId = e.RequestId;

        // A shorter record into the same instance: the buffers are reused, the earlier strings are not touched.
        e = Parse("""{"ts":"2026-04-23T00:00:00Z","request_id":"r2","account_id":"b","api":"openai.chat","request":{"messages":[{"role":"user","content":"q"}]}}""", parser, target);
        Assert.Equal("q", e.Request.LastUserText);
        Assert.Equal("q", e.Request.LastUserChars.ToString());
        Assert.Null(e.Request.FirstUserText);
        Assert.True(e.Request.FirstUserChars.IsEmpty);
        Assert.Equal("r2", e.RequestId);
        Assert.Equal("a long follow-up question about the first task", keptPrompt);
        Assert.Equal("req_A\"long one", keptId);

        // No request id and no user turn: nothing left over from before.
        e = Parse("""{"ts":"2026-04-23T00:00:00Z","account_id":"b","api":"openai.chat","request":{"messages":[{"role":"system","content":"s"}]}}""", parser, target);
        Assert.Null(e.RequestId);
        Assert.Equal(string.Empty, e.Request.LastUserText);
        Assert.True(e.Request.LastUserChars.IsEmpty);
    }

    [Fact]
    public void LastUserText_SetByCaller_IsWhatTheSpanShows()
    {
        var request = new ExchangeRequest { LastUserText = "set directly", FirstUserText = "first" };

        Assert.Equal("set directly", request.LastUserChars.ToString());
        Assert.Equal("first", request.FirstUserChars.ToString());
        Assert.Throws<ArgumentNullException>(() => request.LastUserText = null!);
    }

    [Fact]
    public void TryParse_RepeatedShortValues_ShareOneStringInstance()
    {
        var parser = new ExchangeParser();
        var first = Parse(LogLines.SpecExample, parser);
        var account = first.AccountId;
        var agent = first.UserAgent;

        var second = Parse(LogLines.SpecExample, parser);

        Assert.Same(account, second.AccountId);
        Assert.Same(agent, second.UserAgent);
    }

    [Fact]
    public void TryParse_UserMessageOfOnlyToolResults_IsNotAUserTurn()
    {
        var e = Parse("""{"ts":"2026-04-22T03:14:07Z","account_id":"a","api":"anthropic.messages","request":{"messages":[{"role":"user","content":"do it"},{"role":"assistant","content":[{"type":"tool_use","id":"1","name":"x","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"1","content":"out"},{"type":"tool_result","tool_use_id":"2","content":"out2"}]}]}}""");

        Assert.Equal(1, e.Request.UserTurns);
        Assert.Equal(2, e.Request.ToolResultCount);
        Assert.Equal("do it", e.Request.LastUserText);
    }

    [Fact]
    public void TryParse_ThinkingDisabled_HasNoBudget()
    {
        var e = Parse("""{"ts":"2026-04-22T03:14:07Z","account_id":"a","request":{"max_tokens":10,"thinking":{"type":"disabled","budget_tokens":500},"messages":[]}}""");

        Assert.Null(e.Request.ThinkingBudget);
        Assert.Equal(ApiShape.AnthropicMessages, e.Api);
    }

    [Fact]
    public void TryParse_LowerCaseCountry_IsUpperCased()
    {
        var e = Parse("""{"ts":"2026-04-22T03:14:07Z","account_id":"a","country":"sg","api":"openai.chat","request":{}}""");

        Assert.Equal("SG", e.Country);
    }
}
