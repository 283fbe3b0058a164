using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IcaKms.FakeIca;

/// <summary>
/// A loopback HTTP server on 127.0.0.1 and a free port that answers as ICA's API v3 does (models and paths of ICA's
/// OpenAPI document) for one <see cref="FakeIcaScenario"/>: regions, storage credentials (list, create), storage
/// configurations (list with details, get, create, <c>:validate</c>, <c>:share</c>). It insists on what ICA insists on:
/// the <c>X-API-Key</c> (401 otherwise), <c>Accept: application/vnd.illumina.v3+json</c> (400 <c>ICA_API_004</c>
/// otherwise), a JSON body of the documented fields, the documented name patterns. A configuration is
/// <c>INITIALIZING</c> for <see cref="FakeIcaScenario.PollsUntilSettled"/> reads after create or validate, then
/// <c>OK</c>, or <c>ERROR</c> with the scenario's message for its bucket. Every request is recorded in
/// <see cref="Requests"/> without the key, and with any secret access key hidden; only a digest of it is kept.
/// </summary>
public sealed partial class FakeIcaServer : IAsyncDisposable
{
    /// <summary>The path under which the API answers, as ICA's <c>https://ica.illumina.com/ica/rest</c>.</summary>
    public const string BasePath = "/ica/rest";

    /// <summary>What replaces a secret access key in <see cref="Requests"/>.</summary>
    public const string HiddenSecret = "(hidden)";

    private const string MediaType = "application/vnd.illumina.v3+json";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<FakeIcaRequest> _requests = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<string, FakeIcaCredential> _credentials = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeIcaConfiguration> _configurations = new(StringComparer.Ordinal);

    private FakeIcaServer(FakeIcaScenario scenario, WebApplication app, Uri url)
    {
        Scenario = scenario;
        _app = app;
        Url = url;
        foreach ((string name, string id) in scenario.Credentials)
        {
            _credentials[id] = new FakeIcaCredential(id, name, null, null);
        }
    }

    /// <summary>The tenant the server plays; a new one applies from the next request (its credentials only at the start).</summary>
    public FakeIcaScenario Scenario { get; set; }

    /// <summary>The API's base URL, <c>http://127.0.0.1:PORT/ica/rest</c> (set it as <c>IcaKms:IcaApiUrl</c>).</summary>
    public Uri Url { get; }

    /// <summary>How the server misbehaves from now on, until set back to <see cref="FakeIcaFault.None"/>.</summary>
    public FakeIcaFault Fault { get; set; }

    /// <summary>When set, <see cref="Fault"/> applies only to requests whose method and path (e.g. <c>POST /api/storageConfigurations</c>) start with this.</summary>
    public string? FaultPath { get; set; }

    /// <summary>The requests answered so far, in order.</summary>
    public IReadOnlyList<FakeIcaRequest> Requests => [.. _requests];

    /// <summary>The storage credentials as they are now.</summary>
    public IReadOnlyList<FakeIcaCredential> Credentials
    {
        get
        {
            lock (_lock)
            {
                return [.. _credentials.Values];
            }
        }
    }

    /// <summary>The storage configurations as they are now.</summary>
    public IReadOnlyList<FakeIcaConfiguration> Configurations
    {
        get
        {
            lock (_lock)
            {
                return [.. _configurations.Values];
            }
        }
    }

    /// <summary>The SHA-256 (hex, upper case) of a secret, as <see cref="FakeIcaCredential.SecretDigest"/> holds it.</summary>
    public static string DigestOf(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Starts a server for the scenario (the default one when null) on a free loopback port.</summary>
    public static async Task<FakeIcaServer> StartAsync(FakeIcaScenario? scenario = null)
    {
        scenario ??= new FakeIcaScenario();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        WebApplication app = builder.Build();
        FakeIcaServer? server = null;
        app.Run(context => server!.AnswerAsync(context));
        await app.StartAsync().ConfigureAwait(false);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new FakeIcaServer(scenario, app, new Uri(address.TrimEnd('/') + BasePath));
        return server;
    }

    /// <summary>Adds a credential directly (as if made earlier in ICA's UI).</summary>
    public FakeIcaCredential AddCredential(string name, string? accessKeyId = null)
    {
        var credential = new FakeIcaCredential(Guid.NewGuid().ToString(), name, accessKeyId, null);
        lock (_lock)
        {
            _credentials[credential.Id] = credential;
        }

        return credential;
    }

    /// <summary>Adds a configuration directly (as if made earlier in ICA's UI), already validated <c>OK</c>.</summary>
    public FakeIcaConfiguration AddConfiguration(string name, string credentialId, string regionId, string bucketName, string? keyPrefix, string? key, string? description = null)
    {
        var configuration = new FakeIcaConfiguration(
            Guid.NewGuid().ToString(), name, description, credentialId, regionId, bucketName, keyPrefix, "aws:kms", key, "OK", null, 0, false, false, 0);
        lock (_lock)
        {
            _configurations[configuration.Id] = configuration;
        }

        return configuration;
    }

    /// <summary>Stops the server; hung requests end.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        string path = request.Path.Value ?? string.Empty;
        string body = string.Empty;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        string apiPath = path.StartsWith(BasePath, StringComparison.Ordinal) ? path[BasePath.Length..] : path;
        bool keyMatched = request.Headers.TryGetValue("X-API-Key", out var key) && key.ToString() == Scenario.ApiKey;
        if (TakeHold(request.Method, apiPath) is { } hold)
        {
            Record(request, apiPath, keyMatched, body, 0);
            await HoldAsync(context, hold, () => Decide(request, apiPath, keyMatched, body)).ConfigureAwait(false);
            return;
        }

        if (HttpMethods.IsGet(request.Method))
        {
            await WaitForHeldWriteAsync(context.RequestAborted).ConfigureAwait(false);
        }

        Answer answer;
        if (Fault != FakeIcaFault.None && (FaultPath is null || $"{request.Method} {apiPath}".StartsWith(FaultPath, StringComparison.Ordinal)))
        {
            if (Fault == FakeIcaFault.Hang)
            {
                Record(request, apiPath, keyMatched, body, 0);
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
                try
                {
                    await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // The client gave up, or the server stops.
                }

                return;
            }

            answer = FaultAnswer(Fault);
        }
        else
        {
            answer = Decide(request, apiPath, keyMatched, body);
        }

        Record(request, apiPath, keyMatched, body, answer.Status);
        context.Response.StatusCode = answer.Status;
        if (answer.ETag is { } etag)
        {
            context.Response.Headers.ETag = etag;
        }

        if (answer.Body is not null)
        {
            context.Response.ContentType = answer.ContentType;
            await context.Response.WriteAsync(answer.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static Answer FaultAnswer(FakeIcaFault fault) => fault switch
    {
        FakeIcaFault.Forbidden => Problem(HttpStatusCode.Forbidden, "Forbidden", "The user has no permission for this action."),
        FakeIcaFault.NotFound => Problem(HttpStatusCode.NotFound, "Not Found", "The requested resource was not found."),
        FakeIcaFault.Conflict => Problem(HttpStatusCode.Conflict, "Conflict", "The resource was changed by someone else."),
        FakeIcaFault.ServerError => Problem(HttpStatusCode.InternalServerError, "Internal Server Error", "An unexpected error occurred."),
        _ => new Answer(200, "<!DOCTYPE html><html><head><title>Sign in</title></head><body>Please sign in</body></html>", "text/html; charset=utf-8"),
    };

    private Answer Decide(HttpRequest request, string path, bool keyMatched, string body)
    {
        if (!keyMatched)
        {
            return Problem(HttpStatusCode.Unauthorized, "Unauthorized", "Invalid or missing API key.");
        }

        if (!request.Headers.Accept.ToString().Contains(MediaType, StringComparison.OrdinalIgnoreCase))
        {
            return Problem(HttpStatusCode.BadRequest, "ICA_API_004", "Invalid Accept Header");
        }

        bool post = HttpMethods.IsPost(request.Method);
        JsonObject? json = null;
        if (post && body.Length > 0)
        {
            string contentType = request.ContentType ?? string.Empty;
            if (!contentType.StartsWith(MediaType, StringComparison.OrdinalIgnoreCase) && !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            {
                return Problem(HttpStatusCode.UnsupportedMediaType, "Unsupported Media Type", $"Content type '{contentType}' is not supported.");
            }

            try
            {
                json = JsonNode.Parse(body) as JsonObject;
            }
            catch (JsonException)
            {
                json = null;
            }

            if (json is null)
            {
                return Problem(HttpStatusCode.BadRequest, "Bad Request", "The request body is not a JSON object.");
            }
        }

        Match item = ConfigurationItem().Match(path);
        return (request.Method, path) switch
        {
            ("GET", "/api/regions") => Ok(new { items = Scenario.Regions.Select(RegionJson) }),
            ("GET", "/api/storageCredentials") => Ok(Page(Credentials.Select(CredentialJson).ToList(), request.Query)),
            ("POST", "/api/storageCredentials") when json is not null => CreateCredential(json),
            ("GET", "/api/storageConfigurations") => Ok(Page(Configurations.Select(c => ConfigurationJson(c, withDetails: true)).ToList(), request.Query)),
            ("POST", "/api/storageConfigurations") when json is not null => CreateConfiguration(json),
            ("GET", _) when item.Success && item.Groups["action"].Value.Length == 0 => ReadConfiguration(item.Groups["id"].Value),
            ("POST", _) when item.Success && item.Groups["action"].Value == ":validate" => Validate(item.Groups["id"].Value),
            ("POST", _) when item.Success && item.Groups["action"].Value == ":share" => Share(item.Groups["id"].Value),
            ("POST", _) when json is not null && CredentialSecrets().Match(path) is { Success: true } secrets => UpdateSecrets(secrets.Groups["id"].Value, json),
            ("POST", _) when json is null && !item.Success => Problem(HttpStatusCode.BadRequest, "Bad Request", "A request body is required."),
            _ => Problem(HttpStatusCode.NotFound, "Not Found", $"No endpoint {request.Method} {path}."),
        };
    }

    private Answer CreateCredential(JsonObject json)
    {
        string? name = Text(json, "name");
        JsonObject? aws = json["awsCredentials"] as JsonObject;
        string? accessKeyId = aws is null ? null : Text(aws, "accessKeyId");
        string? secret = aws is null ? null : Text(aws, "secretAccessKey");
        if (name is null || !CredentialName().IsMatch(name))
        {
            return Invalid("name", "must be 1-150 characters of letters, digits, '_' and '-'");
        }

        if (Text(json, "type") != "AWS_USER")
        {
            return Invalid("type", "must be AWS_USER");
        }

        if (accessKeyId is not { Length: > 0 and <= 100 } || secret is not { Length: > 0 and <= 100 } || accessKeyId.Contains('=') || secret.Contains(','))
        {
            return Invalid("awsCredentials", "accessKeyId and secretAccessKey are required (1-100 characters, no '=' or ',')");
        }

        lock (_lock)
        {
            if (_credentials.Values.Any(c => c.Name == name))
            {
                return Problem(HttpStatusCode.Conflict, "Conflict", $"A storage credential with name '{name}' already exists.");
            }

            var credential = new FakeIcaCredential(Guid.NewGuid().ToString(), name, accessKeyId, DigestOf(secret));
            _credentials[credential.Id] = credential;
            return Ok(CredentialJson(credential), HttpStatusCode.Created);
        }
    }

    private Answer CreateConfiguration(JsonObject json)
    {
        string? name = Text(json, "name");
        string? credentialId = Text(json, "storageCredentialId");
        string? regionId = Text(json, "regionId");
        JsonObject? aws = json["awsDetails"] as JsonObject;
        string? bucket = aws is null ? null : Text(aws, "bucketName");
        string? prefix = aws is null ? null : Text(aws, "keyPrefix");
        if (name is null || !ConfigurationName().IsMatch(name) || name.Length is < 3 or > 15)
        {
            return Invalid("name", "must be 3-15 characters matching ^[a-z0-9][a-z0-9.-]*[a-z0-9]$");
        }

        if (Text(json, "type") != "AWS_S3")
        {
            return Invalid("type", "must be AWS_S3");
        }

        if (bucket is not { Length: >= 3 and <= 63 })
        {
            return Invalid("awsDetails.bucketName", "is required (3-63 characters)");
        }

        if (prefix is not null && !KeyPrefix().IsMatch(prefix))
        {
            return Invalid("awsDetails.keyPrefix", "must match ^(?!/).*/$");
        }

        if (regionId is null || Scenario.Regions.All(r => r.Id != regionId))
        {
            return Invalid("regionId", "is not a region this tenant is entitled to");
        }

        lock (_lock)
        {
            if (credentialId is null || !_credentials.ContainsKey(credentialId))
            {
                return Invalid("storageCredentialId", "is not a storage credential of this tenant");
            }

            if (_configurations.Values.Any(c => c.Name == name))
            {
                return Problem(HttpStatusCode.Conflict, "Conflict", $"A storage configuration with name '{name}' already exists.");
            }

            var configuration = new FakeIcaConfiguration(
                Guid.NewGuid().ToString(), name, Text(json, "description"), credentialId, regionId, bucket, prefix,
                Text(aws!, "serverSideEncryptionAlgorithm"), Text(aws!, "serverSideEncryptionKey"),
                "INITIALIZING", null, Scenario.PollsUntilSettled, false, false, 0);
            _configurations[configuration.Id] = configuration;
            return Ok(ConfigurationJson(configuration, withDetails: false), HttpStatusCode.Created);
        }
    }

    private Answer ReadConfiguration(string id)
    {
        lock (_lock)
        {
            if (!_configurations.TryGetValue(id, out FakeIcaConfiguration? configuration))
            {
                return Problem(HttpStatusCode.NotFound, "Not Found", $"Storage configuration {id} not found.");
            }

            if (configuration.Status == "INITIALIZING")
            {
                configuration = configuration.PendingPolls > 1
                    ? configuration with { PendingPolls = configuration.PendingPolls - 1 }
                    : KeyRejectedFor(configuration) is { } error || Scenario.ValidationErrors.TryGetValue(configuration.BucketName, out error)
                        ? configuration with { PendingPolls = 0, Status = "ERROR", ErrorMessage = error }
                        : configuration with { PendingPolls = 0, Status = "OK", ErrorMessage = null };
                _configurations[id] = configuration;
            }

            return Ok(ConfigurationJson(configuration, withDetails: false));
        }
    }

    private Answer Validate(string id)
    {
        lock (_lock)
        {
            if (!_configurations.TryGetValue(id, out FakeIcaConfiguration? configuration))
            {
                return Problem(HttpStatusCode.NotFound, "Not Found", $"Storage configuration {id} not found.");
            }

            _configurations[id] = configuration with
            {
                Status = "INITIALIZING",
                ErrorMessage = null,
                PendingPolls = Scenario.PollsUntilSettled,
                Validations = configuration.Validations + 1,
            };
            return new Answer(204, null, null);
        }
    }

    private Answer Share(string id)
    {
        lock (_lock)
        {
            if (!_configurations.TryGetValue(id, out FakeIcaConfiguration? configuration))
            {
                return Problem(HttpStatusCode.NotFound, "Not Found", $"Storage configuration {id} not found.");
            }

            _configurations[id] = configuration with { Shared = true };
            return new Answer(204, null, null);
        }
    }

    private object RegionJson(FakeIcaRegion region) => new
    {
        id = region.Id,
        timeCreated = "2021-01-01T00:00:00Z",
        timeModified = "2021-01-01T00:00:00Z",
        ownerId = "00000000-0000-4000-8000-00000000000a",
        tenantId = "00000000-0000-4000-8000-00000000000b",
        code = region.Code,
        country = new { id = region.Id + "-c", code = region.CountryCode, name = region.CountryName, region = region.Code },
        cityName = region.CityName,
    };

    private static object CredentialJson(FakeIcaCredential credential) => new
    {
        id = credential.Id,
        timeCreated = "2024-01-01T00:00:00Z",
        timeModified = "2024-01-01T00:00:00Z",
        ownerId = "00000000-0000-4000-8000-00000000000a",
        tenantId = "00000000-0000-4000-8000-00000000000b",
        name = credential.Name,
        type = "AWS_USER",
    };

    private object ConfigurationJson(FakeIcaConfiguration configuration, bool withDetails)
    {
        FakeIcaRegion region = Scenario.Regions.First(r => r.Id == configuration.RegionId);
        var details = new
        {
            bucketName = configuration.BucketName,
            keyPrefix = configuration.KeyPrefix,
            serverSideEncryptionAlgorithm = configuration.Algorithm,
            serverSideEncryptionKey = configuration.Key,
        };
        var common = new Dictionary<string, object?>
        {
            ["id"] = configuration.Id,
            ["timeCreated"] = "2024-01-01T00:00:00Z",
            ["timeModified"] = "2024-01-01T00:00:00Z",
            ["ownerId"] = "00000000-0000-4000-8000-00000000000a",
            ["tenantId"] = "00000000-0000-4000-8000-00000000000b",
            ["name"] = configuration.Name,
            ["description"] = configuration.Description,
            ["type"] = "AWS_S3",
            ["status"] = configuration.Status,
            ["errorMessage"] = configuration.ErrorMessage,
            ["region"] = RegionJson(region),
            ["isDefault"] = configuration.IsDefault,
        };
        if (withDetails)
        {
            common["storageConfigurationDetails"] = new { awsS3 = details };
        }

        return common;
    }

    private void Record(HttpRequest request, string path, bool keyMatched, string body, int status)
    {
        _requests.Enqueue(new FakeIcaRequest(request.Method, path, keyMatched, request.Headers.Accept.ToString(), request.ContentType, HideSecrets(body), status));
    }

    private static string? HideSecrets(string body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            if (JsonNode.Parse(body) is JsonObject json)
            {
                if (json["awsCredentials"] is JsonObject aws && aws.ContainsKey("secretAccessKey"))
                {
                    aws["secretAccessKey"] = HiddenSecret;
                }

                return json.ToJsonString();
            }
        }
        catch (JsonException)
        {
            // Not JSON: not kept, as it could hold anything.
        }

        return "(not JSON)";
    }

    private static string? Text(JsonObject json, string name) => json[name] is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    private static Answer Ok(object body, HttpStatusCode status = HttpStatusCode.OK) =>
        new((int)status, JsonSerializer.Serialize(body, Json), MediaType) { ETag = status == HttpStatusCode.Created ? "\"1\"" : null };

    private static Answer Invalid(string field, string rule) =>
        Problem(HttpStatusCode.BadRequest, "Bad Request", $"Validation failed: {field} {rule}.");

    private static Answer Problem(HttpStatusCode status, string title, string detail) =>
        new((int)status, JsonSerializer.Serialize(new
        {
            id = Guid.NewGuid(),
            type = "about:blank",
            title,
            status = (int)status,
            detail,
            timestamp = "2024-01-01T00:00:00Z",
            parameters = new { },
        }, Json), "application/problem+json");

    [GeneratedRegex(@"^/api/storageConfigurations/(?<id>[^/:]+)(?<action>:validate|:share)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ConfigurationItem();

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,150}$", RegexOptions.CultureInvariant)]
    private static partial Regex CredentialName();

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]*[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex ConfigurationName();

    [GeneratedRegex("^(?!/).*/$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPrefix();

    private sealed record Answer(int Status, string? Body, string? ContentType)
    {
        public string? ETag { get; init; }
    }
}
