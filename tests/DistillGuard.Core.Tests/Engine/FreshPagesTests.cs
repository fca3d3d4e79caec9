using System.Globalization;
using DistillGuard.Core.Engine;

namespace DistillGuard.Core.Tests.Engine;

/// <summary>Counts the process's page faults, so it runs alone (in the memory tests' collection).</summary>
[Collection(EngineMemoryCollection.Name)]
public sealed class FreshPagesTests
{
    private const int PageSize = 4096;

    [Fact]
    public void Prefault_ArrayInUse_KeepsItsItemsAndReferences()
    {
        var items = new (int Value, string Label)[20_000];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = (i, i.ToString(CultureInfo.InvariantCulture));
        }

        FreshPages.Prefault(items);
        GC.Collect();

        for (var i = 0; i < items.Length; i++)
        {
            Assert.Equal((i, i.ToString(CultureInfo.InvariantCulture)), items[i]);
        }
    }

    [Fact]
    public void Prefault_EmptyArray_AsksNothing()
    {
        Assert.False(FreshPages.Prefault(Array.Empty<long>()));
    }

    [Fact]
    public void Prefault_FreshBuffer_ItsFirstWritesFaultFewPages()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("page faults are counted from /proc/self/stat, which only Linux has");
        }

        // 64 MiB, fresh from the system: written one byte a page, the unprefaulted one faults a page at each write
        // (unless this host backs the heap with huge pages, which leaves nothing to compare).
        const int bytes = 64 << 20;
        var control = GC.AllocateUninitializedArray<byte>(bytes);
        var unprefaulted = FaultsWhileWriting(control);
        if (unprefaulted < bytes / PageSize / 2)
        {
            Assert.Skip($"writing a fresh 64 MiB buffer faulted only {unprefaulted} pages here (huge pages?): nothing to compare");
        }

        var buffer = GC.AllocateUninitializedArray<byte>(bytes);
        if (!FreshPages.Prefault(buffer))
        {
            Assert.Skip("this kernel cannot populate pages ahead (MADV_POPULATE_WRITE needs Linux 5.14)");
        }

        var prefaulted = FaultsWhileWriting(buffer);

        Assert.True(prefaulted < unprefaulted / 4, $"{prefaulted} faults writing the prefaulted buffer, {unprefaulted} writing the other");
        GC.KeepAlive(control);
    }

    private static long FaultsWhileWriting(byte[] buffer)
    {
        var before = MinorFaults();
        for (var i = 0; i < buffer.Length; i += PageSize)
        {
            buffer[i] = 1;
        }

        return MinorFaults() - before;
    }

    // Field 10 of /proc/self/stat; the command name (field 2) is in parentheses and may hold spaces.
    private static long MinorFaults()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], CultureInfo.InvariantCulture);
    }
}
