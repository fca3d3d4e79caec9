using System.Collections;
using System.Runtime.InteropServices;
using System.Text;

namespace DistillGuard.Gateway;

/// <summary>
/// The garbage collector's gen0 budget for the <c>gateway</c> verb's process: how much may be allocated before the next
/// gen0 collection. The runtime's own budget depends on what the host shows it; on a VM that hides its cache sizes (no
/// <c>/sys/devices/system/cpu/cpu0/cache</c>) it is 2 MiB, a collection every ≈ 500 proxied requests, each stopping
/// every thread for about a millisecond there (docs/benchmarks.md, Gateway, sixteenth pass). The verb runs with 64 MiB.
/// The runtime reads the budget only from the environment (<c>DOTNET_GCgen0size</c>; there is no runtimeconfig.json
/// property for it), before any code runs, so the verb's process starts itself again with the variable set, as the
/// same process (<c>execve</c>: same id, console and signals), unless the environment already chose: set the variable
/// to <c>0</c> for the runtime's default. Linux only; elsewhere the runtime's budget stays.
/// </summary>
public static class GatewayGcBudget
{
    /// <summary>The runtime's variable for the gen0 budget (bytes, hexadecimal).</summary>
    public const string Variable = "DOTNET_GCgen0size";

    /// <summary>64 MiB, in hexadecimal without <c>0x</c>: the native build's runtime reads the value only in that form.</summary>
    public const string DefaultBudget = "4000000";

    /// <summary>The same variable under the runtime's older prefix, which it also reads.</summary>
    public const string LegacyVariable = "COMPlus_GCgen0size";

    /// <summary>
    /// Returns at once when the environment already names a budget or the OS is not Linux; otherwise replaces this
    /// process with itself, started with <see cref="Variable"/> = <see cref="DefaultBudget"/>, and returns only if that
    /// failed, with the reason in <paramref name="failure"/> (the gateway then runs on the runtime's default budget).
    /// Call it only from the process's own command (never from a verb run inside another program, a test host say,
    /// whose process is not the gateway's to restart), first thing, before the process has opened files or sockets or
    /// written to its console.
    /// </summary>
    public static void RestartWithBudgetIfUnset(out string? failure)
    {
        failure = null;
        if (!OperatingSystem.IsLinux() || HasBudget())
        {
            return;
        }

        string[] arguments;
        try
        {
            arguments = ReadCommandLine(File.ReadAllBytes("/proc/self/cmdline"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            failure = $"could not read this process's command line: {ex.Message}";
            return;
        }

        if (arguments.Length == 0)
        {
            failure = "this process's command line is empty";
            return;
        }

        // Set first, so a restarted process (or one that could not restart) never tries again.
        Environment.SetEnvironmentVariable(Variable, DefaultBudget);
        var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .Select(static e => $"{e.Key}={e.Value}")
            .Order(StringComparer.Ordinal)
            .ToArray();
        var error = Exec("/proc/self/exe", arguments, environment);
        failure = $"could not restart with {Variable}={DefaultBudget}: errno {error}";
    }

    /// <summary>Whether the environment names a budget (a value of <c>0</c> counts: the runtime's default, chosen).</summary>
    public static bool HasBudget() =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)) || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(LegacyVariable));

    /// <summary>Splits <c>/proc/self/cmdline</c> (arguments each ended by a NUL byte).</summary>
    internal static string[] ReadCommandLine(ReadOnlySpan<byte> cmdline)
    {
        var arguments = new List<string>();
        while (!cmdline.IsEmpty)
        {
            var end = cmdline.IndexOf((byte)0);
            if (end < 0)
            {
                end = cmdline.Length;
            }

            arguments.Add(Encoding.UTF8.GetString(cmdline[..end]));
            cmdline = end < cmdline.Length ? cmdline[(end + 1)..] : default;
        }

        return [.. arguments];
    }

    // Returns only on failure, with errno.
    private static int Exec(string path, string[] arguments, string[] environment)
    {
        var argv = ToNativeStrings(arguments);
        var envp = ToNativeStrings(environment);
        try
        {
            _ = Execve(Encoding.UTF8.GetBytes(path + '\0'), argv, envp);
            return Marshal.GetLastPInvokeError();
        }
        finally
        {
            Free(argv);
            Free(envp);
        }
    }

    // A NULL-terminated array of NUL-terminated UTF-8 strings, as execve takes them.
    private static nint[] ToNativeStrings(string[] values)
    {
        var pointers = new nint[values.Length + 1];
        for (var i = 0; i < values.Length; i++)
        {
            pointers[i] = Marshal.StringToCoTaskMemUTF8(values[i]);
        }

        return pointers;
    }

    private static void Free(nint[] pointers)
    {
        foreach (var pointer in pointers)
        {
            Marshal.FreeCoTaskMem(pointer);
        }
    }

    // Every parameter is a blittable array, passed pinned: no marshalling code, so no unsafe code in this project.
    [DllImport("libc", EntryPoint = "execve", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Execve(byte[] path, nint[] argv, nint[] envp);
}
