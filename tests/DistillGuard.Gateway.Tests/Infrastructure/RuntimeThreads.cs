namespace DistillGuard.Gateway.Tests.Infrastructure;

/// <summary>Reads a process's threads from /proc (Linux): the runtime names its socket event threads ".NET Sockets".</summary>
internal static class RuntimeThreads
{
    public const string SocketEventThread = ".NET Sockets";

    public static int CountNamed(string processTaskDirectory, string name) =>
        Directory.GetDirectories(processTaskDirectory)
            .Count(task => File.Exists(Path.Combine(task, "comm")) && File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n') == name);
}
