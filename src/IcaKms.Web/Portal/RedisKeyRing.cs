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
    /// Puts the key elements this instance holds back into Redis when the ring is gone from it; true when it did. Only one
    /// instance's restore lands (the push is conditioned on the list not existing), so the ring is never pushed twice.
    /// </summary>
    public bool Restore()
    {
        RedisValue[] values;
        lock (_gate)
        {
            values = _known.Select(e => (RedisValue)e).ToArray();
        }

        if (values.Length == 0 || Database.KeyExists(_key))
        {
            return false;
        }

        ITransaction restore = Database.CreateTransaction();
        restore.AddCondition(Condition.KeyNotExists(_key));
        _ = restore.ListRightPushAsync(_key, values);
        return restore.Execute();
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
