using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace IcaKms.Web.Tests.Logging;

/// <summary>A logger provider (alias "Recording") that keeps every event: category, level, id, text and structured fields.</summary>
[ProviderAlias("Recording")]
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<RecordedLog> _entries = new();

    public IReadOnlyList<RecordedLog> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(RecordingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            Dictionary<string, object?> fields = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)
                : [];
            owner._entries.Enqueue(new RecordedLog(category, logLevel, eventId, formatter(state, exception), fields));
        }
    }
}

/// <summary>One recorded log event.</summary>
internal sealed record RecordedLog(string Category, LogLevel Level, EventId EventId, string Text, IReadOnlyDictionary<string, object?> Fields);
