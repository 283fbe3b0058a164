using System.Net;
using System.Net.Sockets;

namespace IcaKms.E2E.Tests.Infrastructure;

/// <summary>Starts an <see cref="HttpListener"/> on 127.0.0.1 and a free port, for the tests' fake servers.</summary>
public static class LoopbackListener
{
    private const int StartAttempts = 5;

    /// <summary>A started listener and its base URL, <c>http://127.0.0.1:PORT</c> (another port when one was taken meanwhile).</summary>
    public static (HttpListener Listener, Uri Url) Start()
    {
        for (int attempt = 1; ; attempt++)
        {
            int port;
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }

            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return (listener, new Uri($"http://127.0.0.1:{port}"));
            }
            catch (HttpListenerException) when (attempt < StartAttempts)
            {
                listener.Close();
            }
        }
    }
}
