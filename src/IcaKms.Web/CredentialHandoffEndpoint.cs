using System.Text.Json;
using IcaKms.Core.Aws;
using IcaKms.Web.Services;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace IcaKms.Web;

/// <summary>
/// <c>POST /aws/credentials</c>: where the browser leaves typed credentials (AWS, or the ICA panel's API key and access key) for its circuit (see
/// <see cref="CredentialHandoff"/>). JSON only, so a cross-site form cannot post here without a CORS preflight (which
/// this app never grants); nothing of the body is logged or echoed, and a wrong ticket learns nothing.
/// </summary>
public static class CredentialHandoffEndpoint
{
    /// <summary>The route.</summary>
    public const string Path = "/aws/credentials";

    /// <summary>The largest body accepted: far above three credentials (a session token is a few KB).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapCredentialHandoff(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, ReceiveAsync).DisableAntiforgery().RequireRateLimiting(Portal.CredentialHandoffRateLimit.CredentialChecksPolicy);
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(HttpContext context, CredentialHandoff handoff)
    {
        context.Response.Headers.CacheControl = "no-store";
        // An API answer, not a page: the app's status-code pages must not re-execute it (as a POST to a page).
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
        {
            statusPages.Enabled = false;
        }

        if (!context.Request.HasJsonContentType())
        {
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        if (context.Request.ContentLength is > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        // Kestrel stops reading past this size, whatever the Content-Length said (chunked bodies too).
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        Posted? posted;
        try
        {
            posted = await JsonSerializer.DeserializeAsync<Posted>(context.Request.Body, Json, context.RequestAborted);
        }
        catch (JsonException)
        {
            // Never the exception's text: it may quote the body.
            return Results.BadRequest();
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (posted?.Ticket is not { Length: > 0 } ticket)
        {
            return Results.BadRequest();
        }

        var credentials = new PastedCredentials(posted.AccessKeyId ?? string.Empty, posted.SecretAccessKey ?? string.Empty, posted.SessionToken ?? string.Empty);
        return handoff.Deposit(ticket, credentials, posted.IcaApiKey) ? Results.NoContent() : Results.NotFound();
    }

    private sealed record Posted(string? Ticket, string? AccessKeyId, string? SecretAccessKey, string? SessionToken, string? IcaApiKey);
}
