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
    public async Task<IcaResult<IReadOnlyList<IcaApiRegion>>> GetRegionsAsync(CancellationToken cancellationToken = default) =>
        Items(await SendAsync<IcaList<IcaApiRegion>>(HttpMethod.Get, IcaApi.RegionsPath, null, "the regions", cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public Task<IcaResult<IReadOnlyList<StorageCredential>>> GetStorageCredentialsAsync(CancellationToken cancellationToken = default) =>
        AllPagesAsync<StorageCredential>(IcaApi.StorageCredentialsPath, "the storage credentials", cancellationToken);

    /// <inheritdoc />
    public Task<IcaResult<StorageCredential>> CreateStorageCredentialAsync(StorageCredentialRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync<StorageCredential>(HttpMethod.Post, IcaApi.StorageCredentialsPath, request, $"the storage credential {request.Name}", cancellationToken);
    }

    /// <inheritdoc />
    public Task<IcaResult<IReadOnlyList<StorageConfiguration>>> GetStorageConfigurationsAsync(CancellationToken cancellationToken = default) =>
        AllPagesAsync<StorageConfiguration>(IcaApi.StorageConfigurationsPath, "the storage configurations", cancellationToken);

    /// <inheritdoc />
    public Task<IcaResult<StorageConfiguration>> GetStorageConfigurationAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync<StorageConfiguration>(HttpMethod.Get, IcaApi.WithId(IcaApi.StorageConfigurationPath, id), null, $"the storage configuration {id}", cancellationToken);

    /// <inheritdoc />
    public Task<IcaResult<StorageConfiguration>> CreateStorageConfigurationAsync(StorageConfigurationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync<StorageConfiguration>(HttpMethod.Post, IcaApi.StorageConfigurationsPath, request, $"the storage configuration {request.Name}", cancellationToken);
    }

    /// <inheritdoc />
    public Task<IcaResult<bool>> ValidateStorageConfigurationAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync<bool>(HttpMethod.Post, IcaApi.WithId(IcaApi.ValidateStorageConfigurationPath, id), null, $"the storage configuration {id}", cancellationToken);

    /// <inheritdoc />
    public Task<IcaResult<bool>> ShareStorageConfigurationAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync<bool>(HttpMethod.Post, IcaApi.WithId(IcaApi.ShareStorageConfigurationPath, id), null, $"the storage configuration {id}", cancellationToken);

    /// <inheritdoc />
    public Task<IcaResult<bool>> UpdateStorageCredentialSecretsAsync(string credentialId, AwsAccessKey key, CancellationToken cancellationToken = default) =>
        SendAsync<bool>(HttpMethod.Post, IcaApi.WithId(IcaApi.UpdateStorageCredentialSecretsPath, credentialId), new StorageCredentialSecrets(key),
            $"the storage credential {credentialId}", cancellationToken);

    private static IcaResult<IReadOnlyList<T>> Items<T>(IcaResult<IcaList<T>> list) =>
        list.Failure is { } failure ? IcaResult<IReadOnlyList<T>>.Fail(failure) : IcaResult<IReadOnlyList<T>>.Ok(list.Value?.Items ?? []);

    // Every page of a list: the cursor (pageToken) while ICA hands one out, else the offset (pageOffset, pageSize) while
    // fewer than totalItemCount items were read; one request when the answer carries neither, as ICA's storage lists do.
    private async Task<IcaResult<IReadOnlyList<T>>> AllPagesAsync<T>(string path, string subject, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        string? query = null;
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        for (int page = 0; page < IcaApi.MaxListPages; page++)
        {
            IcaResult<IcaList<T>> read = await SendAsync<IcaList<T>>(HttpMethod.Get, path + query, null, subject, cancellationToken).ConfigureAwait(false);
            if (read.Failure is { } failure)
            {
                return IcaResult<IReadOnlyList<T>>.Fail(failure);
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
                return IcaResult<IReadOnlyList<T>>.Ok(items);
            }
        }

        // A cursor that comes back, or more pages than any tenant has: not an answer IcaKms can trust as the whole list.
        return IcaResult<IReadOnlyList<T>>.Fail(IcaErrors.NotIca($"GET {path}", _http.BaseAddress, $"a list that does not end after {IcaApi.MaxListPages} pages"));
    }

    // One call: a 2xx answer of ICA's media type is read as T (a 204 as true); anything else becomes an IcaFailure.
    private async Task<IcaResult<T>> SendAsync<T>(HttpMethod method, string path, object? body, string subject, CancellationToken cancellationToken)
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
                return IcaResult<T>.Fail(IcaErrors.FromAnswer(operation, subject, (int)response.StatusCode, mediaType, text, _http.BaseAddress));
            }

            if (typeof(T) == typeof(bool))
            {
                return IcaResult<T>.Ok((T)(object)true);
            }

            if (!IcaErrors.IsJson(mediaType))
            {
                return IcaResult<T>.Fail(IcaErrors.NotIca(operation, _http.BaseAddress, mediaType));
            }

            T? value = JsonSerializer.Deserialize<T>(text, Json);
            return value is null
                ? IcaResult<T>.Fail(IcaErrors.NotIca(operation, _http.BaseAddress, mediaType))
                : IcaResult<T>.Ok(value);
        }
        catch (JsonException)
        {
            return IcaResult<T>.Fail(IcaErrors.NotIca(operation, _http.BaseAddress, "JSON of another shape"));
        }
        catch (TimeoutRejectedException)
        {
            return IcaResult<T>.Fail(IcaErrors.Timeout(operation, _http.BaseAddress));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return IcaResult<T>.Fail(IcaErrors.Timeout(operation, _http.BaseAddress));
        }
        catch (BrokenCircuitException)
        {
            return IcaResult<T>.Fail(IcaErrors.Unavailable(operation));
        }
        catch (HttpRequestException ex)
        {
            return IcaResult<T>.Fail(IcaErrors.Network(operation, _http.BaseAddress, ex));
        }
    }
}
