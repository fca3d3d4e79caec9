using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DistillGuard.Core.Engine;

/// <summary>
/// Faults in a newly allocated buffer's pages with one system call, before its first write would fault them in one at
/// a time. A busy live gateway fills the engine's buffers for minutes after it starts (two to four minutes of traffic,
/// docs/detection.md, "Time"), and each of their pages is new memory: about one fault per twelve buffered exchanges.
/// Under a paravirtualising hypervisor each fault is a trip through it, and while the buffers filled those trips cost the
/// gateway more CPU per request than the rest of the engine's work (docs/benchmarks.md, Gateway, twenty-second pass).
/// </summary>
/// <remarks>
/// Linux's <c>madvise(MADV_POPULATE_WRITE)</c> (5.14 and later) maps the pages writable without touching their
/// contents, so it is harmless on memory that is already in use; elsewhere, or on an older kernel, nothing happens and
/// the first write faults the pages in as before.
/// </remarks>
internal static class FreshPages
{
    private const int MadvisePopulateWrite = 23;
    private const int EInval = 22;
    private const int PageSize = 4096;

    // A kernel without the advice says so (EINVAL) on the first call; later buffers need not ask again. Engines on
    // other threads may race on it harmlessly: each would only ask once more.
    private static bool _unsupported = !OperatingSystem.IsLinux();

    /// <summary>A new array of <paramref name="length"/> items whose pages are already faulted in where the system can.</summary>
    public static T[] Allocate<T>(int length)
    {
        var array = new T[length];
        Prefault(array);
        return array;
    }

    /// <summary>Faults in the pages under <paramref name="array"/>'s items; false when this system cannot.</summary>
    public static bool Prefault<T>(T[] array)
    {
        if (_unsupported || array.Length == 0)
        {
            return false;
        }

        // The address of the items without unsafe code: their offset from address zero. A large array is not moved by
        // the collector; were it moved meanwhile, the advice would only fault in other pages of the heap.
        var start = Unsafe.ByteOffset(ref Unsafe.NullRef<byte>(), ref Unsafe.As<T, byte>(ref MemoryMarshal.GetArrayDataReference(array)));
        var end = start + ((nint)array.Length * Unsafe.SizeOf<T>());
        var first = start & ~(nint)(PageSize - 1);
        try
        {
            if (Madvise(first, (nuint)(end - first), MadvisePopulateWrite) == 0)
            {
                return true;
            }

            _unsupported = Marshal.GetLastPInvokeError() == EInval;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // A C library the runtime cannot find by that name (some minimal images): the first writes fault as before.
            _unsupported = true;
        }

        return false;
    }

    [DllImport("libc", EntryPoint = "madvise", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Madvise(nint address, nuint length, int advice);
}
