using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;
using IcaKms.Core.Ica;

namespace IcaKms.Core.Adapters.Ica;

/// <summary>
/// ICA's API v3 over an <see cref="HttpClient"/> from <see cref="IcaClientFactory"/> (whose resilience pipeline sets
/// the timeouts and retries reads only). Every request carries <c>X-API-Key</c> and
/// <c>Accept: application/vnd.illumina.v3+json</c>; bodies are sent as that media type. Every failure becomes an
/// <see cref="IcaFailure"/> (<see cref="IcaErrors"/>); nothing here logs, and the key never leaves the header.
/// </summary>
public sealed class IcaClient : IIcaClient
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly MediaTypeWithQualityHeaderValue AcceptV3 = new(IcaApi.MediaType);
    private static readonly MediaTypeWithQualityHeaderValue AcceptProblem = new(IcaApi.ProblemMediaType) { Quality = 0.5 };

    private readonly HttpClient _http;
    private readonly string _apiKey;

    /// <summary>Creates a client for one API key.</summary>
    /// <param name="http">A client whose <see cref="HttpClient.BaseAddress"/> is ICA's base address, ending with '/'.</param>
    /// <param name="apiKey">The ICA API key.</param>
    public IcaClient(HttpClient http, string apiKey)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        _http = http;
        _apiKey = apiKey;
    }

    /// <inheritdoc />
    public async Task<Result<IReadOnlyList<IcaApiRegion>, IcaFailure>> GetRegionsAsync(CancellationToken cancellationToken = default) =>
        Items(await SendAsync<IcaList<IcaApiRegion>>(HttpMethod.Get, IcaApi.RegionsPath, null, "the regions", cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public Task<Result<IReadOnlyList<StorageCredential>, IcaFailure>> GetStorageCredentialsAsync(CancellationToken cancellationToken = default) =>
        AllPagesAsync<StorageCredential>(IcaApi.StorageCredentialsPath, "the storage credentials", cancellationToken);

    /// <inheritdoc />
    public Task<Result<StorageCredential, IcaFailure>> CreateStorageCredentialAsync(StorageCredentialRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync<StorageCredential>(HttpMethod.Post, IcaApi.StorageCredentialsPath, request, $"the storage credential {request.Name}", cancellationToken);
    }

    /// <inheritdoc />
    public Task<Result<IReadOnlyList<StorageConfiguration>, IcaFailure>> GetStorageConfigurationsAsync(CancellationToken cancellationToken = default) =>
        AllPagesAsync<StorageConfiguration>(IcaApi.StorageConfigurationsPath, "the storage configurations", cancellationToken);

    /// <inheritdoc />
    public Task<Result<StorageConfiguration, IcaFailure>> GetStorageConfigurationAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync<StorageConfiguration>(HttpMethod.Get, IcaApi.WithId(IcaApi.StorageConfigurationPath, id), null, $"the storage configuration {id}", cancellationToken);

    /// <inheritdoc />
    public Task<Result<StorageConfiguration, IcaFailure>> CreateStorageConfigurationAsync(StorageConfigurationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync<StorageConfiguration>(HttpMethod.Post, IcaApi.StorageConfigurationsPath, request, $"the storage configuration {request.Name}", cancellationToken);
    }

    /// <inheritdoc />
    public Task<Result<bool, IcaFailure>> ValidateStorageConfigurationAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync<bool>(HttpMethod.Post, IcaApi.WithId(IcaApi.ValidateStorageConfigurationPath, id), null, $"the storage configuration {id}", cancellationToken);

    /// <inheritdoc />
    public Task<Result<bool, IcaFailure>> ShareStorageConfigurationAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync<bool>(HttpMethod.Post, IcaApi.WithId(IcaApi.ShareStorageConfigurationPath, id), null, $"the storage configuration {id}", cancellationToken);

    /// <inheritdoc />
    public Task<Result<bool, IcaFailure>> UpdateStorageCredentialSecretsAsync(string credentialId, AwsAccessKey key, CancellationToken cancellationToken = default) =>
        SendAsync<bool>(HttpMethod.Post, IcaApi.WithId(IcaApi.UpdateStorageCredentialSecretsPath, credentialId), new StorageCredentialSecrets(key),
            $"the storage credential {credentialId}", cancellationToken);

    private static Result<IReadOnlyList<T>, IcaFailure> Items<T>(Result<IcaList<T>, IcaFailure> list) =>
        list.Failure is { } failure ? Result<IReadOnlyList<T>, IcaFailure>.Fail(failure) : Result<IReadOnlyList<T>, IcaFailure>.Ok(list.Value?.Items ?? []);

    // Every page of a list: the cursor (pageToken) while ICA hands one out, else the offset (pageOffset, pageSize) while
    // fewer than totalItemCount items were read; one request when the answer carries neither, as ICA's storage lists do.
    private async Task<Result<IReadOnlyList<T>, IcaFailure>> AllPagesAsync<T>(string path, string subject, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        string? query = null;
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        for (int page = 0; page < IcaApi.MaxListPages; page++)
        {
            Result<IcaList<T>, IcaFailure> read = await SendAsync<IcaList<T>>(HttpMethod.Get, path + query, null, subject, cancellationToken).ConfigureAwait(false);
            if (read.Failure is { } failure)
            {
                return Result<IReadOnlyList<T>, IcaFailure>.Fail(failure);
            }

            IReadOnlyList<T> pageItems = read.Value?.Items ?? [];
            items.AddRange(pageItems);
            if (read.Value?.NextPageToken is { Length: > 0 } token)
            {
                if (!tokens.Add(token))
                {
                    break;
                }

                query = $"?{IcaApi.PageTokenParameter}={Uri.EscapeDataString(token)}";
            }
            else if (read.Value?.TotalItemCount is { } total && items.Count < total && pageItems.Count > 0 && tokens.Count == 0)
            {
                query = $"?{IcaApi.PageOffsetParameter}={items.Count}&{IcaApi.PageSizeParameter}={pageItems.Count}";
            }
            else
            {
                return Result<IReadOnlyList<T>, IcaFailure>.Ok(items);
            }
        }

        // A cursor that comes back, or more pages than any tenant has: not an answer IcaKms can trust as the whole list.
        return Result<IReadOnlyList<T>, IcaFailure>.Fail(IcaErrors.NotIca($"GET {path}", _http.BaseAddress, $"a list that does not end after {IcaApi.MaxListPages} pages"));
    }

    // One call: a 2xx answer of ICA's media type is read as T (a 204 as true); anything else becomes an IcaFailure.
    private async Task<Result<T, IcaFailure>> SendAsync<T>(HttpMethod method, string path, object? body, string subject, CancellationToken cancellationToken)
    {
        var operation = $"{method.Method} {path}";
        using var request = new HttpRequestMessage(method, new Uri(path.TrimStart('/'), UriKind.Relative));
        request.Headers.Add(IcaApi.ApiKeyHeader, _apiKey);
        request.Headers.Accept.Add(AcceptV3);
        request.Headers.Accept.Add(AcceptProblem);
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body, body.GetType(), Json), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(IcaApi.MediaType);
        }
        else if (method == HttpMethod.Post)
        {
            request.Content = new ByteArrayContent([]);
        }

        try
        {
            using HttpResponseMessage response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            string? mediaType = response.Content.Headers.ContentType?.MediaType;
            if (!response.IsSuccessStatusCode)
            {
                return Result<T, IcaFailure>.Fail(IcaErrors.FromAnswer(operation, subject, (int)response.StatusCode, mediaType, text, _http.BaseAddress));
            }

            if (typeof(T) == typeof(bool))
            {
                return Result<T, IcaFailure>.Ok((T)(object)true);
            }

            if (!IcaErrors.IsJson(mediaType))
            {
                return Result<T, IcaFailure>.Fail(IcaErrors.NotIca(operation, _http.BaseAddress, mediaType));
            }

            T? value = JsonSerializer.Deserialize<T>(text, Json);
            return value is null
                ? Result<T, IcaFailure>.Fail(IcaErrors.NotIca(operation, _http.BaseAddress, mediaType))
                : Result<T, IcaFailure>.Ok(value);
        }
        catch (JsonException)
        {
            return Result<T, IcaFailure>.Fail(IcaErrors.NotIca(operation, _http.BaseAddress, "JSON of another shape"));
        }
        catch (TimeoutRejectedException)
        {
            return Result<T, IcaFailure>.Fail(IcaErrors.Timeout(operation, _http.BaseAddress));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Result<T, IcaFailure>.Fail(IcaErrors.Timeout(operation, _http.BaseAddress));
        }
        catch (BrokenCircuitException)
        {
            return Result<T, IcaFailure>.Fail(IcaErrors.Unavailable(operation));
        }
        catch (HttpRequestException ex)
        {
            return Result<T, IcaFailure>.Fail(IcaErrors.Network(operation, _http.BaseAddress, ex));
        }
    }
}
