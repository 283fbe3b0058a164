using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Web;
using IcaKms.E2E.Tests.Infrastructure;

namespace IcaKms.E2E.Tests.Portal;

/// <summary>
/// A loopback OpenID provider for the sign-in tests, on 127.0.0.1 and a free port: discovery, a JWKS with one RSA key,
/// an authorize page where the person picks one of <see cref="Users"/> (answering with a form post, as the ASP.NET Core
/// handler asks), a token endpoint that checks the client secret and the PKCE verifier and issues an RS256 id_token,
/// and an end-session endpoint. Nothing leaves the machine.
/// </summary>
public sealed class FakeOpenIdProvider : IAsyncDisposable
{
    public const string ClientId = "icakms-e2e";
    public const string ClientSecret = "fake-provider-client-secret";
    public const string UsersGroup = "icakms-users";
    public const string AppliersGroup = "icakms-appliers";
    private const string KeyId = "fake-provider-key";

    private readonly HttpListener _listener;
    private readonly RSA _key = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, AuthorizeRequest> _requests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (AuthorizeRequest Request, FakeUser User)> _codes = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    private FakeOpenIdProvider(HttpListener listener, Uri issuer)
    {
        _listener = listener;
        Issuer = issuer;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>The people who can sign in: one allowed to apply, one who may only look, one outside the portal's group.</summary>
    public static IReadOnlyList<FakeUser> Users { get; } =
    [
        new("alice", "alice@example.org", "Alice Admin", [UsersGroup, AppliersGroup]),
        new("carol", "carol@example.org", "Carol Reader", [UsersGroup]),
        new("dave", "dave@example.org", "Dave Scripter", [UsersGroup]),
        new("bob", "bob@example.org", "Bob Outsider", ["someone-else"]),
    ];

    /// <summary>The issuer and authority, <c>http://127.0.0.1:PORT</c>.</summary>
    public Uri Issuer { get; }

    /// <summary>How many id_tokens the token endpoint issued.</summary>
    public int TokensIssued => _tokensIssued;

    private int _tokensIssued;

    public static FakeOpenIdProvider Start()
    {
        (HttpListener listener, Uri url) = LoopbackListener.Start();
        return new FakeOpenIdProvider(listener, url);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (ObjectDisposedException)
        {
        }

        _key.Dispose();
        _stopping.Dispose();
    }

    private string Base => Issuer.ToString().TrimEnd('/');

    private async Task LoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        HttpListenerResponse response = context.Response;
        try
        {
            string path = context.Request.Url!.AbsolutePath;
            switch (path)
            {
                case "/.well-known/openid-configuration":
                    await JsonAsync(response, new Dictionary<string, object>
                    {
                        ["issuer"] = Base,
                        ["authorization_endpoint"] = $"{Base}/authorize",
                        ["token_endpoint"] = $"{Base}/token",
                        ["jwks_uri"] = $"{Base}/jwks",
                        ["end_session_endpoint"] = $"{Base}/logout",
                        ["response_types_supported"] = new[] { "code" },
                        ["subject_types_supported"] = new[] { "public" },
                        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                        ["code_challenge_methods_supported"] = new[] { "S256" },
                        ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
                    });
                    break;
                case "/jwks":
                    RSAParameters key = _key.ExportParameters(false);
                    await JsonAsync(response, new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = KeyId, n = Base64Url(key.Modulus!), e = Base64Url(key.Exponent!) } } });
                    break;
                case "/authorize":
                    await AuthorizeAsync(context);
                    break;
                case "/approve":
                    await ApproveAsync(context);
                    break;
                case "/token":
                    await TokenAsync(context);
                    break;
                case "/logout":
                    string? back = context.Request.QueryString["post_logout_redirect_uri"];
                    string? state = context.Request.QueryString["state"];
                    response.Redirect(back is null ? Base : back + (state is null ? string.Empty : "?state=" + Uri.EscapeDataString(state)));
                    break;
                default:
                    response.StatusCode = 404;
                    break;
            }
        }
        finally
        {
            response.Close();
        }
    }

    private async Task AuthorizeAsync(HttpListenerContext context)
    {
        var query = context.Request.QueryString;
        if (query["client_id"] != ClientId || query["response_type"] != "code" || query["code_challenge_method"] != "S256")
        {
            context.Response.StatusCode = 400;
            await TextAsync(context.Response, "text/plain", "Unknown client, or not the code flow with PKCE.");
            return;
        }

        string id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _requests[id] = new AuthorizeRequest(query["redirect_uri"]!, query["state"], query["nonce"], query["code_challenge"]!, query["response_mode"]);
        var page = new StringBuilder("<!DOCTYPE html><html><head><title>Fake OpenID provider</title></head><body><h1>Sign in to the fake provider</h1><ul>");
        foreach (FakeUser user in Users)
        {
            page.Append($"<li><a href=\"/approve?request={id}&amp;user={user.Name}\">Sign in as {user.Name}</a></li>");
        }

        await TextAsync(context.Response, "text/html", page.Append("</ul></body></html>").ToString());
    }

    private async Task ApproveAsync(HttpListenerContext context)
    {
        if (!_requests.TryRemove(context.Request.QueryString["request"] ?? string.Empty, out AuthorizeRequest? request)
            || Users.FirstOrDefault(u => u.Name == context.Request.QueryString["user"]) is not { } user)
        {
            context.Response.StatusCode = 400;
            return;
        }

        string code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _codes[code] = (request, user);
        // response_mode=form_post (the ASP.NET Core handler's default): an auto-submitted form back to the app.
        string html = $"""
            <!DOCTYPE html><html><body onload="document.forms[0].submit()">
            <form method="post" action="{HttpUtility.HtmlAttributeEncode(request.RedirectUri)}">
            <input type="hidden" name="code" value="{code}" />
            <input type="hidden" name="state" value="{HttpUtility.HtmlAttributeEncode(request.State ?? string.Empty)}" />
            <button type="submit">Continue</button>
            </form></body></html>
            """;
        await TextAsync(context.Response, "text/html", html);
    }

    private async Task TokenAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var form = HttpUtility.ParseQueryString(await reader.ReadToEndAsync());
        (string? clientId, string? secret) = (form["client_id"], form["client_secret"]);
        if (context.Request.Headers["Authorization"] is { } basic && basic.StartsWith("Basic ", StringComparison.Ordinal))
        {
            string[] pair = Encoding.UTF8.GetString(Convert.FromBase64String(basic[6..])).Split(':', 2);
            (clientId, secret) = (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1]));
        }

        if (form["grant_type"] != "authorization_code" || clientId != ClientId || secret != ClientSecret
            || !_codes.TryRemove(form["code"] ?? string.Empty, out var granted)
            || form["redirect_uri"] != granted.Request.RedirectUri
            || Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"] ?? string.Empty))) != granted.Request.CodeChallenge)
        {
            context.Response.StatusCode = 400;
            await JsonAsync(context.Response, new { error = "invalid_grant" });
            return;
        }

        Interlocked.Increment(ref _tokensIssued);
        await JsonAsync(context.Response, new { access_token = "fake-access-token", token_type = "Bearer", expires_in = 3600, id_token = IdToken(granted.User, granted.Request.Nonce) });
    }

    private string IdToken(FakeUser user, string? nonce)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = new Dictionary<string, object>
        {
            ["iss"] = Base,
            ["sub"] = "sub-" + user.Name,
            ["aud"] = ClientId,
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + 3600,
            ["name"] = user.DisplayName,
            ["preferred_username"] = user.UserName,
            ["groups"] = user.Groups,
        };
        if (nonce is not null)
        {
            claims["nonce"] = nonce;
        }

        string header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = "RS256", typ = "JWT", kid = KeyId }));
        string payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        byte[] signature = _key.SignData(Encoding.ASCII.GetBytes($"{header}.{payload}"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{header}.{payload}.{Base64Url(signature)}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static Task JsonAsync(HttpListenerResponse response, object body) => TextAsync(response, "application/json", JsonSerializer.Serialize(body));

    private static async Task TextAsync(HttpListenerResponse response, string contentType, string body)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        response.ContentType = contentType + "; charset=utf-8";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
    }

    private sealed record AuthorizeRequest(string RedirectUri, string? State, string? Nonce, string CodeChallenge, string? ResponseMode);
}

/// <summary>A person the fake provider knows: the login name on its page, the claims in their id_token.</summary>
public sealed record FakeUser(string Name, string UserName, string DisplayName, IReadOnlyList<string> Groups);
