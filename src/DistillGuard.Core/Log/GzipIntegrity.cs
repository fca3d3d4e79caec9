using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace DistillGuard.Core.Log;

/// <summary>
/// Tells whether a gzip file was read to its real end. .NET's <see cref="GZipStream"/> returns end-of-stream
/// silently when the compressed data stops early, so after reading we compare what came out with the size the
/// file's last trailer (ISIZE, length mod 2^32) records. For a multi-member file that trailer covers only the last
/// member, which is then located and checked on its own (only on that rare path).
/// </summary>
internal static class GzipIntegrity
{
    private const int TrailerLength = 8;
    private const int MaxMembersTried = 64;

    public static bool IsComplete(string path, long decompressedLength)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.RandomAccess);
        if (file.Length < 18)
        {
            return false;
        }

        Span<byte> trailer = stackalloc byte[TrailerLength];
        file.Position = file.Length - TrailerLength;
        file.ReadExactly(trailer);
        var recordedSize = BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]);
        return (uint)decompressedLength == recordedSize || LastMemberMatches(file, recordedSize);
    }

    /// <summary>Searches backwards for a member header whose data decompresses to the end of the file with the recorded size.</summary>
    private static bool LastMemberMatches(FileStream file, uint recordedSize)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            var tried = 0;
            var end = file.Length;
            while (end > 0 && tried < MaxMembersTried)
            {
                var start = Math.Max(0, end - buffer.Length);
                var count = (int)(end - start);
                file.Position = start;
                file.ReadExactly(buffer, 0, count);
                for (var i = count - 3; i >= 0; i--)
                {
                    if (buffer[i] != 0x1f || buffer[i + 1] != 0x8b || buffer[i + 2] != 0x08 || start + i == 0)
                    {
                        continue;
                    }

                    tried++;
                    if (DecompressedSizeFrom(file, start + i) is { } size && (uint)size == recordedSize)
                    {
                        return true;
                    }

                    if (tried >= MaxMembersTried)
                    {
                        return false;
                    }
                }

                // Overlap by two bytes so a header split across chunks is still seen.
                end = start == 0 ? 0 : start + 2;
            }

            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static long? DecompressedSizeFrom(FileStream file, long offset)
    {
        var saved = file.Position;
        try
        {
            file.Position = offset;
            using var gzip = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);
            var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
            try
            {
                long total = 0;
                int read;
                while ((read = gzip.Read(chunk, 0, chunk.Length)) > 0)
                {
                    total += read;
                }

                return total;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }
        }
        catch (InvalidDataException)
        {
            return null;
        }
        finally
        {
            file.Position = saved;
        }
    }
}
