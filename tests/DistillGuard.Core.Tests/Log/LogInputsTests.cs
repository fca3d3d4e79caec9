using DistillGuard.Core.Log;

namespace DistillGuard.Core.Tests.Log;

public sealed class LogInputsTests
{
    [Fact]
    public void Discover_MixOfFilesAndDirectories_KeepsArgumentOrderSortsDirectoriesAndDeduplicates()
    {
        using var dir = new TempLogDirectory();
        var explicitFile = dir.Write("explicit.log", LogLines.AtSecond(0));
        var b = dir.Write("d/b.jsonl", LogLines.AtSecond(0));
        var a = dir.WriteGzip("d/sub/a.JSONL.GZ", LogLines.AtSecond(0));
        var c = dir.Write("d/c.jsonl", LogLines.AtSecond(0));
        dir.Write("d/readme.md", "x");

        var files = LogInputs.Discover([explicitFile, Path.Combine(dir.Root, "d"), c]);

        Assert.Equal([explicitFile, b, c, a], files.Select(f => f.Path));
        Assert.Equal([0, 1, 2, 3], files.Select(f => f.Index));
        Assert.Equal(new FileInfo(a).Length, files[3].Length);
    }

    [Fact]
    public void Discover_PlainFileBesideItsGzip_ReadsOnlyTheOneHoldingEveryRecord()
    {
        // As a gateway's compression of closed files leaves them for an instant: whole, cut short, or (by hand) other records.
        using var dir = new TempLogDirectory();
        string[] lines = [.. Enumerable.Range(0, 200).Select(i => LogLines.AtSecond(i, "acct_" + i))];
        dir.Write("whole.jsonl", lines);
        var wholeGz = dir.WriteGzip("whole.jsonl.gz", lines);
        var cut = dir.Write("cut.jsonl", lines);
        dir.WriteTruncatedGzip("cut.jsonl.gz", 0.5, lines);
        var other = dir.Write("other.jsonl", lines);
        var otherGz = dir.WriteGzip("other.jsonl.gz", LogLines.AtSecond(0, "someone_else"));
        var alone = dir.WriteGzip("alone.jsonl.gz", lines[0]);

        var files = LogInputs.Discover([dir.Root]);

        Assert.Equal([alone, cut, other, otherGz, wholeGz], files.Select(f => f.Path));
        Assert.Equal([0, 1, 2, 3, 4], files.Select(f => f.Index));
        // Files named one by one are taken as given.
        Assert.Equal(2, LogInputs.Discover([Path.Combine(dir.Root, "whole.jsonl"), wholeGz]).Count);
    }

    [Fact]
    public void Discover_EmptyDirectory_GivesNoFiles()
    {
        using var dir = new TempLogDirectory();

        Assert.Empty(LogInputs.Discover([dir.Root]));
    }

    [Fact]
    public void Discover_GzipWithoutGzName_IsStillDecompressed()
    {
        using var dir = new TempLogDirectory();
        var path = dir.WriteGzip("plain-name.jsonl", LogLines.AtSecond(0, "gz"));

        using var reader = new MergedExchangeReader(LogInputs.Discover([path]));

        Assert.True(reader.MoveNext());
        Assert.Equal("gz", reader.Current.AccountId);
    }

    [Fact]
    public void ReadAll_RawBaseline_CountsNonEmptyLinesAndBytes()
    {
        using var dir = new TempLogDirectory();
        var a = dir.WriteGzip("a.jsonl.gz", [.. Enumerable.Range(0, 100).Select(i => LogLines.AtSecond(i))]);
        var b = dir.Write("b.jsonl", LogLines.AtSecond(0), "", LogLines.AtSecond(1));
        var files = LogInputs.Discover([a, b]);

        var result = RawLogReader.ReadAll(files, parallelism: 2);

        Assert.Equal(102, result.Lines);
        Assert.Equal((LogLines.AtSecond(0).Length + 1) * 102 + 1, result.Bytes);
    }
}
