using DistillGuard.Core.Log;

namespace DistillGuard.Core.Tests.Log;

public sealed class MergedExchangeReaderTests
{
    private static List<(string Account, string Text, DateTime Ts, int File, long Line)> ReadAll(MergedExchangeReader reader)
    {
        var seen = new List<(string, string, DateTime, int, long)>();
        foreach (var e in reader)
        {
            seen.Add((e.AccountId, e.Request.LastUserText, e.Timestamp, e.SourceFileIndex, e.SourceLine));
        }

        return seen;
    }

    private static LogReaderOptions Options(int parallelism = 2, bool strict = false, int window = 256, int batchSize = 256) =>
        new() { Parallelism = parallelism, Strict = strict, ReorderWindow = window, BatchSize = batchSize };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void MoveNext_SeveralFilesWithDisorderInside_YieldsGlobalTimeOrder(int parallelism)
    {
        using var dir = new TempLogDirectory();
        var a = dir.Write("a.jsonl", LogLines.AtSecond(0, "a"), LogLines.AtSecond(3, "a"), LogLines.AtSecond(2, "a"), LogLines.AtSecond(6, "a"));
        var b = dir.WriteGzip("b.jsonl.gz", LogLines.AtSecond(1, "b"), LogLines.AtSecond(5, "b"), LogLines.AtSecond(4, "b"));

        using var reader = MergedExchangeReader.Open([a, b], Options(parallelism));
        var seen = ReadAll(reader);

        Assert.Equal([0, 1, 2, 3, 4, 5, 6], seen.Select(s => (int)(s.Ts - seen[0].Ts).TotalSeconds));
        Assert.Equal(["a", "b", "a", "a", "b", "b", "a"], seen.Select(s => s.Account));
        Assert.Equal(0, reader.LateRecords);
        Assert.Equal(7, reader.ExchangesRead);
        Assert.Equal(0, reader.BadRecords.Total);
    }

    [Fact]
    public void MoveNext_EqualTimestamps_BreakTiesByFileOrderThenLine()
    {
        using var dir = new TempLogDirectory();
        var first = dir.Write("z-first.jsonl", LogLines.AtSecond(0, "f0", "l1"), LogLines.AtSecond(0, "f0", "l2"));
        var second = dir.Write("a-second.jsonl", LogLines.AtSecond(0, "f1", "l1"), LogLines.AtSecond(0, "f1", "l2"));

        using var reader = MergedExchangeReader.Open([first, second], Options());
        var seen = ReadAll(reader);

        Assert.Equal([("f0", "l1"), ("f0", "l2"), ("f1", "l1"), ("f1", "l2")], seen.Select(s => (s.Account, s.Text)));
        Assert.Equal([1L, 2L, 1L, 2L], seen.Select(s => s.Line));
    }

    [Fact]
    public void MoveNext_DisorderBeyondWindow_StillYieldsAndCountsLate()
    {
        using var dir = new TempLogDirectory();
        var lines = Enumerable.Range(1, 10).Select(i => LogLines.AtSecond(i * 10, "a")).Append(LogLines.AtSecond(0, "late")).ToArray();
        var path = dir.Write("a.jsonl", lines);

        using var reader = MergedExchangeReader.Open([path], Options(window: 4));
        var seen = ReadAll(reader);

        // The window holds 4: the late line comes out as soon as it is read, after the 6 records already given out.
        Assert.Equal(11, seen.Count);
        Assert.Equal(1, reader.LateRecords);
        Assert.Equal("late", seen[6].Account);
        Assert.Equal(11L, seen[6].Line);
    }

    [Fact]
    public void MoveNext_DisorderWithinWindow_IsReordered()
    {
        using var dir = new TempLogDirectory();
        var path = dir.Write("a.jsonl", LogLines.AtSecond(5), LogLines.AtSecond(4), LogLines.AtSecond(3), LogLines.AtSecond(2), LogLines.AtSecond(1));

        using var reader = MergedExchangeReader.Open([path], Options(window: 4));
        var seen = ReadAll(reader);

        Assert.Equal([5L, 4L, 3L, 2L, 1L], seen.Select(s => s.Line));
        Assert.Equal(0, reader.LateRecords);
    }

    [Fact]
    public void MoveNext_ManyFilesAndThreadCounts_OrderIsIdentical()
    {
        using var dir = new TempLogDirectory();
        var random = new Random(7);
        var paths = new List<string>();
        for (var f = 0; f < 23; f++)
        {
            var lines = new List<string>();
            var t = random.Next(0, 50);
            for (var i = 0; i < 300; i++)
            {
                // Mostly increasing with local jitter and frequent equal timestamps across files.
                t += random.Next(0, 3);
                lines.Add(LogLines.AtSecond(Math.Max(0, t - random.Next(0, 4)), $"acct_{f}", $"f{f}l{i}"));
                if (i % 97 == 5)
                {
                    lines.Add("{not json");
                }
            }

            paths.Add(f % 2 == 0 ? dir.WriteGzip($"log{f:D2}.jsonl.gz", [.. lines]) : dir.Write($"log{f:D2}.jsonl", [.. lines]));
        }

        List<(string, string, DateTime, int, long)>? reference = null;
        foreach (var (parallelism, batch) in new[] { (1, 256), (2, 256), (3, 7), (8, 16) })
        {
            using var reader = MergedExchangeReader.Open(paths, Options(parallelism, batchSize: batch));
            var seen = ReadAll(reader);
            Assert.Equal(23 * 300, seen.Count);
            Assert.Equal(23 * 4, reader.BadRecords.Total);
            Assert.Equal(0, reader.LateRecords);
            for (var i = 1; i < seen.Count; i++)
            {
                Assert.True(seen[i - 1].Ts <= seen[i].Ts);
            }

            reference ??= seen;
            Assert.Equal(reference, seen);
        }
    }

    [Fact]
    public void MoveNext_BadRecordsOfEveryKind_AreCountedWithFileLineAndFieldAndGoodOnesKept()
    {
        using var dir = new TempLogDirectory();
        var path = dir.Write(
            "mixed.jsonl",
            LogLines.AtSecond(0, "good1"),
            "{broken",
            """{"account_id":"a","api":"openai.chat","request":{}}""",
            "",
            """{"ts":"yesterday","account_id":"a","api":"openai.chat","request":{}}""",
            """{"ts":"2026-04-22T00:00:09Z","account_id":"a","api":"openai.chat","request":{},"status":"200"}""",
            """{"ts":"2026-04-22T00:00:09Z","account_id":"a","request":{"messages":[]}}""",
            "   ",
            LogLines.AtSecond(10, "good2"));

        using var reader = MergedExchangeReader.Open([path], Options());
        var seen = ReadAll(reader);

        Assert.Equal(["good1", "good2"], seen.Select(s => s.Account));
        Assert.Equal([1L, 9L], seen.Select(s => s.Line));
        var bad = reader.BadRecords;
        Assert.Equal(5, bad.Total);
        Assert.Equal(1, bad.Count(BadRecordKind.MalformedJson));
        Assert.Equal(1, bad.Count(BadRecordKind.MissingField));
        Assert.Equal(1, bad.Count(BadRecordKind.BadTimestamp));
        Assert.Equal(1, bad.Count(BadRecordKind.WrongType));
        Assert.Equal(1, bad.Count(BadRecordKind.UnknownApiShape));
        Assert.Equal(
            [(BadRecordKind.MalformedJson, 2L, (string?)null), (BadRecordKind.MissingField, 3L, "ts"), (BadRecordKind.BadTimestamp, 5L, "ts"), (BadRecordKind.WrongType, 6L, "status"), (BadRecordKind.UnknownApiShape, 7L, "api")],
            bad.Samples.Select(s => (s.Kind, s.Line, s.Field)));
        Assert.All(bad.Samples, s => Assert.Equal(path, s.File));
        Assert.StartsWith($"{path}:6: wrong_type: field 'status'", bad.Samples[3].ToString());
    }

    [Fact]
    public void MoveNext_ManyBadRecordsOfOneKind_KeepsOnlyTheFirstFewSamples()
    {
        using var dir = new TempLogDirectory();
        var path = dir.Write("bad.jsonl", [.. Enumerable.Range(0, 50).Select(_ => "{x"), LogLines.AtSecond(1)]);

        using var reader = MergedExchangeReader.Open([path], new LogReaderOptions { SamplesPerKind = 3 });
        var seen = ReadAll(reader);

        Assert.Single(seen);
        Assert.Equal(50, reader.BadRecords.Count(BadRecordKind.MalformedJson));
        Assert.Equal([1L, 2L, 3L], reader.BadRecords.Samples.Select(s => s.Line));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void MoveNext_StrictMode_ThrowsAtFirstBadRecordWithFileLineFieldAndKind(int parallelism)
    {
        using var dir = new TempLogDirectory();
        var path = dir.Write("s.jsonl", LogLines.AtSecond(0, "ok"), LogLines.AtSecond(1, "ok2"), """{"ts":"2026-04-22T00:00:02Z","account_id":"a","api":"openai.chat","request":{},"asn":"x"}""", LogLines.AtSecond(3));
        using var reader = MergedExchangeReader.Open([path], Options(parallelism, strict: true));
        var yielded = new List<string>();

        var error = Assert.Throws<BadRecordException>(() =>
        {
            while (reader.MoveNext())
            {
                yielded.Add(reader.Current.AccountId);
            }
        });

        Assert.Equal(["ok", "ok2"], yielded);
        Assert.Equal(path, error.File);
        Assert.Equal(3, error.Line);
        Assert.Equal("asn", error.Field);
        Assert.Equal(BadRecordKind.WrongType, error.Kind);
        Assert.Contains($"{path}:3", error.Message);
    }

    [Fact]
    public void MoveNext_TruncatedGzip_KeepsEveryCompleteRecordAndReportsTheLineReached()
    {
        using var dir = new TempLogDirectory();
        var lines = Enumerable.Range(0, 2000).Select(i => LogLines.AtSecond(i, "acct", $"prompt number {i} {Guid.NewGuid()}")).ToArray();
        var path = dir.WriteTruncatedGzip("cut.jsonl.gz", 0.5, lines);
        var other = dir.Write("other.jsonl", LogLines.AtSecond(5000, "other"));

        using var reader = MergedExchangeReader.Open([path, other], Options());
        var seen = ReadAll(reader);

        var fromCut = seen.Where(s => s.Account == "acct").ToList();
        Assert.InRange(fromCut.Count, 500, 1999);
        Assert.Equal(Enumerable.Range(1, fromCut.Count).Select(i => (long)i), fromCut.Select(s => s.Line));
        Assert.Equal(Enumerable.Range(0, fromCut.Count).Select(i => $"prompt number {i} "), fromCut.Select(s => s.Text[..(s.Text.IndexOf(' ', 14) + 1)]));
        Assert.Equal("other", seen[^1].Account);
        var bad = Assert.Single(reader.BadRecords.Samples);
        Assert.Equal(BadRecordKind.TruncatedGzip, bad.Kind);
        Assert.Equal(path, bad.File);
        Assert.Equal(fromCut.Count + 1, bad.Line);
        Assert.Contains("truncated", bad.Message);
    }

    [Fact]
    public void MoveNext_StrictOptionsButLenientLog_TheLogDecidesAndNothingIsDropped()
    {
        using var dir = new TempLogDirectory();
        var path = dir.Write("s.jsonl", LogLines.AtSecond(0), "{bad", LogLines.AtSecond(1), LogLines.AtSecond(2));
        var lenient = new BadRecordLog(strict: false);

        using var reader = MergedExchangeReader.Open([path], Options(strict: true), lenient);
        var seen = ReadAll(reader);

        Assert.Equal(3, seen.Count);
        Assert.Equal(1, lenient.Total);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void MoveNext_FileDeletedAfterDiscovery_ThrowsFileNotFoundNamingIt(int parallelism)
    {
        using var dir = new TempLogDirectory();
        var kept = dir.Write("kept.jsonl", LogLines.AtSecond(0));
        var gone = dir.Write("gone.jsonl", LogLines.AtSecond(1));
        using var reader = MergedExchangeReader.Open([kept, gone], Options(parallelism));
        File.Delete(gone);

        var error = Assert.Throws<FileNotFoundException>(() => ReadAll(reader));

        Assert.Contains("gone.jsonl", error.Message);
    }

    [Fact]
    public void MoveNext_NoFiles_YieldsNothing()
    {
        using var reader = new MergedExchangeReader([]);

        Assert.False(reader.MoveNext());
        Assert.Equal(0, reader.Progress.TotalBytes);
    }

    [Fact]
    public void MoveNext_TruncatedGzipInStrictMode_ThrowsAfterTheCompleteRecords()
    {
        using var dir = new TempLogDirectory();
        var lines = Enumerable.Range(0, 500).Select(i => LogLines.AtSecond(i, "acct", $"p{i} {Guid.NewGuid()}")).ToArray();
        var path = dir.WriteTruncatedGzip("cut.jsonl.gz", 0.6, lines);
        using var reader = MergedExchangeReader.Open([path], Options(strict: true));
        var count = 0;

        var error = Assert.Throws<BadRecordException>(() =>
        {
            while (reader.MoveNext())
            {
                count++;
            }
        });

        Assert.Equal(BadRecordKind.TruncatedGzip, error.Kind);
        Assert.Equal(count + 1, error.Line);
        Assert.True(count > 100);
    }

    [Fact]
    public void MoveNext_MultiMemberGzip_IsReadCompletelyWithoutTruncationReport()
    {
        using var dir = new TempLogDirectory();
        var path = Path.Combine(dir.Root, "multi.jsonl.gz");
        var part1 = TempLogDirectory.Gzip(string.Concat(Enumerable.Range(0, 50).Select(i => LogLines.AtSecond(i) + "\n")));
        var part2 = TempLogDirectory.Gzip(string.Concat(Enumerable.Range(50, 7).Select(i => LogLines.AtSecond(i) + "\n")));
        File.WriteAllBytes(path, [.. part1, .. part2]);

        using var reader = MergedExchangeReader.Open([path], Options());
        var seen = ReadAll(reader);

        Assert.Equal(57, seen.Count);
        Assert.Equal(0, reader.BadRecords.Total);
    }

    [Fact]
    public void MoveNext_DirectoryInput_ReadsNestedLogFilesInPathOrderAndIgnoresOthers()
    {
        using var dir = new TempLogDirectory();
        dir.Write("logs/b/2.jsonl", LogLines.AtSecond(0, "b2"));
        dir.WriteGzip("logs/a/1.jsonl.gz", LogLines.AtSecond(0, "a1"));
        dir.Write("logs/0.jsonl", LogLines.AtSecond(0, "root"));
        dir.Write("logs/notes.txt", "{this is not read");
        dir.Write("logs/a/data.json", "{nor this");

        using var reader = MergedExchangeReader.Open([Path.Combine(dir.Root, "logs")], Options());
        var seen = ReadAll(reader);

        Assert.Equal(3, reader.Files.Count);
        Assert.Equal(["root", "a1", "b2"], seen.Select(s => s.Account));
        Assert.Equal(0, reader.BadRecords.Total);
    }

    [Fact]
    public void MoveNext_CrlfBomAndNoFinalNewline_AreHandled()
    {
        using var dir = new TempLogDirectory();
        var path = dir.WriteText("w.jsonl", "\uFEFF" + LogLines.AtSecond(0, "a") + "\r\n\r\n" + LogLines.AtSecond(1, "b"));

        using var reader = MergedExchangeReader.Open([path], Options());
        var seen = ReadAll(reader);

        Assert.Equal([("a", 1L), ("b", 3L)], seen.Select(s => (s.Account, s.Line)));
        Assert.Equal(0, reader.BadRecords.Total);
    }

    [Fact]
    public void MoveNext_LineOverLimit_IsSkippedAsTooLongAndNextLinesRead()
    {
        using var dir = new TempLogDirectory();
        var huge = LogLines.AtSecond(1, "huge", new string('x', 300_000));
        var path = dir.Write("l.jsonl", LogLines.AtSecond(0, "a"), huge, LogLines.AtSecond(2, "b"));

        using var reader = MergedExchangeReader.Open([path], new LogReaderOptions { MaxLineBytes = 100_000 });
        var seen = ReadAll(reader);

        Assert.Equal(["a", "b"], seen.Select(s => s.Account));
        var bad = Assert.Single(reader.BadRecords.Samples);
        Assert.Equal((BadRecordKind.LineTooLong, 2L), (bad.Kind, bad.Line));
    }

    [Fact]
    public void Progress_AfterReadingEverything_ReachesTotalBytesAndLines()
    {
        using var dir = new TempLogDirectory();
        var a = dir.WriteGzip("a.jsonl.gz", [.. Enumerable.Range(0, 1000).Select(i => LogLines.AtSecond(i))]);
        var b = dir.Write("b.jsonl", [.. Enumerable.Range(0, 10).Select(i => LogLines.AtSecond(i))]);

        using var reader = MergedExchangeReader.Open([a, b], Options());
        var count = ReadAll(reader).Count;

        Assert.Equal(1010, count);
        Assert.Equal(new FileInfo(a).Length + new FileInfo(b).Length, reader.Progress.TotalBytes);
        Assert.Equal(reader.Progress.TotalBytes, reader.Progress.BytesRead);
        Assert.True(reader.Progress.LinesRead >= 1010);
    }

    [Fact]
    public void Current_AfterMoveNext_IsARecycledInstanceNotANewOnePerRecord()
    {
        using var dir = new TempLogDirectory();
        var path = dir.Write("a.jsonl", [.. Enumerable.Range(0, 5000).Select(i => LogLines.AtSecond(i))]);
        using var reader = MergedExchangeReader.Open([path], Options(parallelism: 1, window: 8, batchSize: 32));
        var distinct = new HashSet<Exchange>(ReferenceEqualityComparer.Instance);

        while (reader.MoveNext())
        {
            distinct.Add(reader.Current);
        }

        Assert.Equal(5000, reader.ExchangesRead);

        // One batch, the reorder window and one chunk of lines read ahead (a batch's worth).
        Assert.InRange(distinct.Count, 1, 96);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void MoveNext_WithAnalyzer_AttachesTheFeaturesTheAnalyzerGivesForThatExchange(int parallelism)
    {
        using var dir = new TempLogDirectory();
        string[] prompts = ["Write a Python function that merges two sorted lists", "Tell me a joke about cats",
            "Think step by step and show your full reasoning: is 91 prime?", "Summarise this quarterly sales table"];
        var lines = Enumerable.Range(0, 600).Select(i => LogLines.AtSecond(i, $"acct_{i % 7}", $"{prompts[i % prompts.Length]} #{i}")).ToArray();
        var path = dir.WriteGzip("a.jsonl.gz", lines);
        var analyzer = new DistillGuard.Core.Analysis.ExchangeAnalyzer();
        var options = Options(parallelism, batchSize: 64);
        options.Analyzer = analyzer;
        using var reader = MergedExchangeReader.Open([path], options);
        var reference = new DistillGuard.Core.Analysis.ExchangeAnalyzer();
        var capabilities = new HashSet<DistillGuard.Core.Analysis.Capability>();

        while (reader.MoveNext())
        {
            var current = reader.Current;
            Assert.Same(analyzer, current.AnalyzedBy);
            Assert.Equal(reference.Analyze(current), current.Features);
            capabilities.Add(current.Features.Capability);
        }

        Assert.Equal(600, reader.ExchangesRead);
        Assert.True(capabilities.Count >= 2, "the prompts should not all analyse alike");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void MoveNext_StrictModeWithBadLineDeepInALongFile_YieldsEveryEarlierRecordWhileLaterChunksWereParsedAhead(int parallelism)
    {
        // 64-line chunks, several parsed ahead of the bad line: none of them may leak out or be lost.
        using var dir = new TempLogDirectory();
        var lines = Enumerable.Range(0, 3000).Select(i => i == 1499 ? "{\"ts\": \"not a time\", \"account_id\": \"x\", \"request\": {}}" : LogLines.AtSecond(i, $"acct_{i}")).ToArray();
        var path = dir.WriteGzip("long.jsonl.gz", lines);
        using var reader = MergedExchangeReader.Open([path], Options(parallelism, strict: true, batchSize: 64));
        var yielded = new List<string>();

        var error = Assert.Throws<BadRecordException>(() =>
        {
            while (reader.MoveNext())
            {
                yielded.Add(reader.Current.AccountId);
            }
        });

        Assert.Equal(Enumerable.Range(0, 1499).Select(i => $"acct_{i}"), yielded);
        Assert.Equal(1500, error.Line);
        Assert.Equal(BadRecordKind.BadTimestamp, error.Kind);
    }

    [Fact]
    public void MoveNext_ManyFilesDrawnOnAtOnce_ExchangesStayWithinThePerFileBound()
    {
        // Twelve files over the same minutes: the merge draws on all of them at once, each may queue up to
        // MaxBatchesPerFile batches and 4 × Parallelism chunks, and none may hold more than docs/log-reading.md's
        // "ReorderWindow + (8 + 4 × Parallelism + 1) × BatchSize" exchanges, however long it is.
        const int Files = 12, Lines = 2000, Window = 16, Batch = 16, Parallelism = 2;
        using var dir = new TempLogDirectory();
        var files = Enumerable.Range(0, Files)
            .Select(f => dir.WriteGzip($"f{f:D2}.jsonl.gz", [.. Enumerable.Range(0, Lines).Select(i => LogLines.AtSecond((i * Files) + f, $"f{f}"))]))
            .ToArray();
        using var reader = MergedExchangeReader.Open(files, Options(Parallelism, window: Window, batchSize: Batch));
        var distinct = new HashSet<Exchange>(ReferenceEqualityComparer.Instance);

        while (reader.MoveNext())
        {
            distinct.Add(reader.Current);
        }

        Assert.Equal(Files * Lines, reader.ExchangesRead);
        var perFile = Window + ((ParallelBatchFeed.MaxBatchesPerFile + (4 * Parallelism) + 1) * Batch);
        Assert.InRange(distinct.Count, Files, Files * perFile);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void MoveNext_FilesOneAfterAnother_LaterFilesReuseTheFinishedFilesExchanges(int parallelism)
    {
        // A finished file hands its recycled exchanges (and the prompt buffers they own) to the files after it, so
        // reading many files costs the exchanges of the few read at once, not a fresh set per file.
        using var dir = new TempLogDirectory();
        var files = Enumerable.Range(0, 3)
            .Select(f => dir.WriteGzip($"{(char)('a' + f)}.jsonl.gz", [.. Enumerable.Range(0, 3000).Select(i => LogLines.AtSecond((f * 10_000) + i, $"f{f}_{i}"))]))
            .ToArray();
        using var reader = MergedExchangeReader.Open(files, Options(parallelism, batchSize: 64));
        var perFile = Enumerable.Range(0, 3).Select(_ => new HashSet<Exchange>(ReferenceEqualityComparer.Instance)).ToArray();

        var read = 0;
        while (reader.MoveNext())
        {
            read++;
            perFile[reader.Current.AccountId[1] - '0'].Add(reader.Current);
        }

        Assert.Equal(9000, read);
        var all = new HashSet<Exchange>(perFile.SelectMany(f => f), ReferenceEqualityComparer.Instance);
        Assert.True(perFile[0].Count > 300, $"the first file used only {perFile[0].Count} exchanges; the test needs a working set to reuse");
        Assert.True(
            all.Count < perFile[0].Count * 5 / 4,
            $"{all.Count} distinct exchanges for three files, {perFile[0].Count} for the first: later files allocated their own");
    }

    [Fact]
    public void MoveNext_BadLinesAmongManyGoodOnes_SameRecordsAndBadLinesForAnyThreadCount()
    {
        using var dir = new TempLogDirectory();
        var lines = Enumerable.Range(0, 2000).Select(i => i % 97 == 5 ? "{\"ts\": \"not a time\", \"account_id\": \"x\", \"request\": {}}" : LogLines.AtSecond(i, $"acct_{i % 5}")).ToArray();
        var path = dir.WriteGzip("a.jsonl.gz", lines);

        (List<(string, string, DateTime, int, long)> Records, string[] Bad) Read(int parallelism)
        {
            using var reader = MergedExchangeReader.Open([path], Options(parallelism, batchSize: 128));
            return (ReadAll(reader), reader.BadRecords.Samples.Select(b => b.ToString()).ToArray());
        }

        var one = Read(1);
        var two = Read(2);

        Assert.Equal(2000 - 21, one.Records.Count);
        Assert.Equal(one.Records, two.Records);
        Assert.Equal(one.Bad, two.Bad);
        Assert.Contains(":6", one.Bad[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_BeforeReadingEverything_StopsWorkersCleanly()
    {
        using var dir = new TempLogDirectory();
        var paths = Enumerable.Range(0, 5).Select(f => dir.Write($"f{f}.jsonl", [.. Enumerable.Range(0, 3000).Select(i => LogLines.AtSecond(i))])).ToList();
        var reader = MergedExchangeReader.Open(paths, Options(parallelism: 2, batchSize: 16));

        Assert.True(reader.MoveNext());
        reader.Dispose();

        Assert.Throws<ObjectDisposedException>(() => reader.MoveNext());
    }

    [Fact]
    public void Open_MissingPath_ThrowsFileNotFoundNamingIt()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<FileNotFoundException>(() => MergedExchangeReader.Open([missing]));

        Assert.Contains(missing, error.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void MoveNext_TimeDisjointFiles_OpensALaterFileOnlyWhenTheMergeReachesIt(int parallelism)
    {
        using var dir = new TempLogDirectory();
        var hours = Enumerable.Range(0, 3)
            .Select(h => dir.Write($"h{h}.jsonl", [.. Enumerable.Range(0, 200).Select(i => LogLines.AtSecond((h * 3600) + (i * 10), $"h{h}"))]))
            .Reverse()
            .ToList();
        using var reader = MergedExchangeReader.Open(hours, Options(parallelism, batchSize: 16));

        Assert.True(reader.MoveNext());
        var bytesAfterFirst = reader.Progress.BytesRead;
        var rest = ReadAll(reader);

        Assert.Equal("h0", reader.Files[2].Path[^8..^6]);
        Assert.True(bytesAfterFirst <= reader.Files[2].Length, $"read {bytesAfterFirst} bytes before the first exchange");
        Assert.Equal(599, rest.Count);
        Assert.Equal([.. Enumerable.Repeat("h0", 199), .. Enumerable.Repeat("h1", 200), .. Enumerable.Repeat("h2", 200)], rest.Select(r => r.Account));
        Assert.Equal(0, reader.LateRecords);
    }

    [Fact]
    public void MoveNext_FileStartingLaterThanItsEarlierRecords_YieldsThemLateButKeepsThem()
    {
        using var dir = new TempLogDirectory();
        var main = dir.Write("main.jsonl", [.. Enumerable.Range(0, 100).Select(i => LogLines.AtSecond(i * 60, "main"))]);
        // Its first 64 lines start at minute 50; the 65th line goes back to minute 0 (far beyond the window and lead).
        var odd = dir.Write("odd.jsonl", [.. Enumerable.Range(0, 64).Select(i => LogLines.AtSecond(3000 + i, "odd")), LogLines.AtSecond(0, "odd-early")]);

        using var reader = MergedExchangeReader.Open([main, odd], Options(window: 4));
        var seen = ReadAll(reader);

        Assert.Equal(165, seen.Count);
        Assert.Contains(seen, s => s.Account == "odd-early");
        Assert.Equal(1, reader.LateRecords);
    }
}
