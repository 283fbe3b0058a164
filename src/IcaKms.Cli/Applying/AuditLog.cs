using IcaKms.Core.Applying;
using System.Text.Encodings.Web;
using System.Text.Json;
using IcaKms.Core.Adapters;
using IcaKms.Core.Setup;
using Microsoft.Extensions.Logging;

namespace IcaKms.Cli.Applying;

/// <summary>
/// Where <c>icakms apply</c> writes the portal's audit event of each change (<see cref="ChangeAuditLog"/>): one JSON line
/// per event, with the event's fields, appended to <c>--audit-log FILE</c>, else to standard error. Digests only, never a
/// document or a secret, as in the portal.
/// </summary>
internal sealed class AuditLog : ILogger, IDisposable
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TextWriter _writer;
    private readonly bool _ownsWriter;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();

    private AuditLog(TextWriter writer, bool ownsWriter, TimeProvider time)
    {
        _writer = writer;
        _ownsWriter = ownsWriter;
        _time = time;
    }

    /// <summary>The local user the events name as the person who asked (the CLI has no portal sign-in).</summary>
    public static string LocalUser => $"{Environment.UserName}@{Environment.MachineName}";

    /// <summary>Opens the log: appends to <paramref name="path"/>, or writes to <paramref name="error"/> when null.</summary>
    public static AuditLog Open(string? path, TextWriter error, TimeProvider time) => path is null
        ? new AuditLog(error, ownsWriter: false, time)
        : new AuditLog(new StreamWriter(path, append: true) { AutoFlush = true }, ownsWriter: true, time);

    /// <summary>Writes the audit event of one change.</summary>
    public void Record(AppliedChange applied) => ChangeAuditLog.Write(this, applied, LocalUser);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", _time.GetUtcNow());
            json.WriteString("category", ChangeAuditLog.Category);
            json.WriteNumber("eventId", eventId.Id);
            json.WriteString("eventName", eventId.Name);
            json.WriteString("level", logLevel.ToString());
            json.WriteString("message", formatter(state, exception));
            if (state is IReadOnlyList<KeyValuePair<string, object?>> fields)
            {
                foreach ((string name, object? value) in fields.Where(f => f.Key != "{OriginalFormat}"))
                {
                    json.WriteString(name, value switch
                    {
                        DateTimeOffset at => at.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                        _ => value?.ToString(),
                    });
                }
            }

            json.WriteEndObject();
        }

        lock (_lock)
        {
            _writer.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        }
    }

    public void Dispose()
    {
        if (_ownsWriter)
        {
            _writer.Dispose();
        }
    }
}
