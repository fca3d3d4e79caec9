using System.IO.Compression;

namespace DistillGuard.Core.Log;

/// <summary>What a <c>.gz</c> beside a plain log file holds of it.</summary>
internal enum CompressedCopy
{
    /// <summary>Exactly the plain file's bytes: either file holds every record.</summary>
    Whole,

    /// <summary>A start of the plain file, or a stream that breaks off (a compression cut short): the plain file holds every record.</summary>
    Partial,

    /// <summary>Other bytes: each file holds records the other does not.</summary>
    Different,
}

/// <summary>
/// Compares a plain exchange file with the <c>.gz</c> beside it, as a gateway's compression of closed files leaves
/// them for an instant (and a crash, for longer), so that neither the gateway's start nor a scan reads a record twice.
/// </summary>
public static class CompressedCopies
{
    /// <summary>Where a plain log file goes once compressed, and where its twin is looked for.</summary>
    public static string GzipPathOf(string plain) => plain + ".gz";

    /// <summary>
    /// Of <paramref name="plain"/> and its <paramref name="gz"/>, the one whose every record the other holds — to skip
    /// or delete: the plain file when the <c>.gz</c> decompresses to exactly its bytes, the <c>.gz</c> when it holds
    /// only a start of it (or breaks off); null when each holds records the other does not.
    /// </summary>
    public static string? Redundant(string gz, string plain) => Compare(gz, plain) switch
    {
        CompressedCopy.Whole => plain,
        CompressedCopy.Partial => gz,
        _ => null,
    };

    /// <summary>What <paramref name="gz"/> holds of <paramref name="plain"/>.</summary>
    private static CompressedCopy Compare(string gz, string plain)
    {
        using var expected = new FileStream(plain, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.SequentialScan);
        using var file = new FileStream(gz, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.SequentialScan);
        using var actual = new GZipStream(file, CompressionMode.Decompress);
        var left = new byte[1 << 16];
        var right = new byte[1 << 16];
        while (true)
        {
            var read = expected.ReadAtLeast(left, left.Length, throwOnEndOfStream: false);
            int other;
            try
            {
                other = actual.ReadAtLeast(right, right.Length, throwOnEndOfStream: false);
            }
            catch (InvalidDataException)
            {
                // A corrupt stream: what it held so far matched.
                return CompressedCopy.Partial;
            }

            var common = Math.Min(read, other);
            if (!left.AsSpan(0, common).SequenceEqual(right.AsSpan(0, common)))
            {
                return CompressedCopy.Different;
            }

            if (read != other)
            {
                // A stream that ends early (GZipStream ends silently where a cut file stops) holds a start of the file.
                return other < read ? CompressedCopy.Partial : CompressedCopy.Different;
            }

            if (read == 0)
            {
                return CompressedCopy.Whole;
            }
        }
    }
}
