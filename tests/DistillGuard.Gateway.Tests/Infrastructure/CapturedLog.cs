using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DistillGuard.Gateway.Tests.Infrastructure;

/// <summary>A logger provider that keeps every event the gateway logs (at the host's minimum level), for assertions.</summary>
internal sealed class CapturedLog : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, int EventId, string Message)> Events { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log.Events.Enqueue((category, logLevel, eventId.Id, formatter(state, exception)));
    }
}
