using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using StackExchange.Redis;

namespace IcaKms.Web.Portal;

/// <summary>
/// The Data Protection key ring kept in one Redis list (the same layout as Microsoft's <c>RedisXmlRepository</c>, so a
/// ring written by it is read as it is), for a Redis that can go away and come back: the connection never gives up
/// (<c>abortConnect=false</c>, it reconnects by itself), and this instance remembers every key element it has read or
/// written, so that when Redis comes back empty (restarted without persistence, or flushed) <see cref="Restore"/> puts
/// the ring back instead of letting every instance mint a new key and every signed-in user lose their session.
/// </summary>
public sealed class RedisKeyRing : IXmlRepository, IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _connection;
    private readonly RedisKey _key;
    private readonly Lock _gate = new();
    private readonly List<string> _known = [];

    // LPOS (Redis 6.0.6 and later) answers nil for an element the list lacks.
    private const string PushMissing = """
        local added = 0
        for _, element in ipairs(ARGV) do
          if not redis.call('LPOS', KEYS[1], element) then
            redis.call('RPUSH', KEYS[1], element)
            added = added + 1
          end
        end
        return added
        """;

    /// <summary>A key ring under <paramref name="key"/> in the Redis of <paramref name="connectionString"/>; connects on first use.</summary>
    public RedisKeyRing(string connectionString, string key)
    {
        ConfigurationOptions options = ConfigurationOptions.Parse(connectionString);
        // Keep trying in the background instead of failing for good when Redis is down at the first call.
        options.AbortOnConnectFail = false;
        // Back within a second of Redis coming back, rather than after the default back-off of up to a minute.
        options.ReconnectRetryPolicy = new LinearRetry(1000);
        _connection = new Lazy<ConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(options));
        _key = key;
        Endpoint = string.Join(", ", options.EndPoints.Select(e => e.ToString()));
    }

    /// <summary>Where Redis is (host:port), for messages; never the password.</summary>
    public string Endpoint { get; }

    /// <summary>How many key elements this instance holds in memory.</summary>
    public int KnownElements
    {
        get
        {
            lock (_gate)
            {
                return _known.Count;
            }
        }
    }

    private IDatabase Database => _connection.Value.GetDatabase();

    /// <inheritdoc />
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        RedisValue[] stored = Database.ListRange(_key);
        lock (_gate)
        {
            foreach (string element in stored.Select(v => (string)v!).Where(v => !_known.Contains(v, StringComparer.Ordinal)))
            {
                _known.Add(element);
            }

        }

        // Redis came back empty while this instance holds keys: put them back rather than mint a new key for everyone.
        if (stored.Length == 0)
        {
            Restore();
        }

        lock (_gate)
        {
            return _known.Select(e => XElement.Parse(e)).ToArray();
        }
    }

    /// <inheritdoc />
    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        string value = element.ToString(SaveOptions.DisableFormatting);
        Database.ListRightPush(_key, value);
        lock (_gate)
        {
            if (!_known.Contains(value, StringComparer.Ordinal))
            {
                _known.Add(value);
            }
        }
    }

    /// <summary>Answers Redis's PING within <paramref name="cancellationToken"/>'s time, or throws.</summary>
    public async Task<TimeSpan> PingAsync(CancellationToken cancellationToken) => await Database.PingAsync().WaitAsync(cancellationToken);

    /// <summary>
    /// Puts back into Redis the key elements this instance holds that the ring lacks (Redis came back empty, or came
    /// back with only what another instance put back); returns how many it put back. One Lua script does the "is it
    /// there? else push it" for every element at once, so two instances restoring together never push an element twice,
    /// and the ring comes back as the union of what the instances hold: an instance that cached the ring before another
    /// added its key still gets that key back into Redis from the instance that knows it.
    /// </summary>
    public int Restore()
    {
        RedisValue[] values;
        lock (_gate)
        {
            values = _known.Select(e => (RedisValue)e).ToArray();
        }

        if (values.Length == 0)
        {
            return 0;
        }

        return (int)Database.ScriptEvaluate(PushMissing, [_key], values);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_connection.IsValueCreated)
        {
            _connection.Value.Dispose();
        }
    }
}
