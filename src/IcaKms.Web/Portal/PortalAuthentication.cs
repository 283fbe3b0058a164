using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using IcaKms.Web.Services;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace IcaKms.Web.Portal;

/// <summary>
/// OpenID Connect sign-in for the portal (<see cref="PortalAuthenticationOptions"/>): a cookie session started by
/// Microsoft's OpenID Connect handler (authorization code flow with PKCE), every endpoint but the health checks, static
/// assets and the access-denied page behind it, an optional claim without which a user gets the access-denied page
/// (403), and an optional claim without which a user may generate, inspect and plan but not apply. Nothing of this is
/// registered when sign-in is not configured.
/// </summary>
public static class PortalAuthentication
{
    /// <summary>Where a signed-in user without the required claim lands.</summary>
    public const string AccessDeniedPath = "/access-denied";

    /// <summary>Where the sign-out form is (GET) and posts to (POST).</summary>
    public const string SignOutPath = "/account/signout";

    /// <summary>Adds the cookie and OpenID Connect handlers and the authorization policy, when sign-in is configured.</summary>
    public static IServiceCollection AddPortalAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        IConfigurationSection section = configuration.GetSection(PortalAuthenticationOptions.Section);
        services.Configure<PortalAuthenticationOptions>(section);
        PortalAuthenticationOptions settings = section.Get<PortalAuthenticationOptions>() ?? new();
        if (!settings.IsEnabled)
        {
            return services;
        }

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(options =>
            {
                options.Cookie.Name = "IcaKms.Session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.AccessDeniedPath = AccessDeniedPath;
                // A working day; the provider decides again after that.
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = false;
            })
            .AddOpenIdConnect(options =>
            {
                options.Authority = settings.Authority!.ToString();
                options.ClientId = settings.ClientId;
                options.ClientSecret = settings.ClientSecret;
                options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
                options.ResponseType = OpenIdConnectResponseType.Code;
                options.UsePkce = true;
                options.SaveTokens = false;
                options.MapInboundClaims = false;
                options.Scope.Clear();
                options.Scope.Add("openid");
                options.Scope.Add("profile");
                foreach (string scope in settings.Scopes)
                {
                    options.Scope.Add(scope);
                }

                options.TokenValidationParameters.NameClaimType = "name";
                options.TokenValidationParameters.RoleClaimType = "roles";
                options.SignedOutRedirectUri = "/";
                // The handler sends no id_token_hint (tokens are not saved), and without it or the client_id a provider
                // cannot tell whose post_logout_redirect_uri it is: a certified one then ignores it and the person stays
                // on the provider's "signed out" page instead of coming back (RP-Initiated Logout 1.0, section 2).
                options.Events.OnRedirectToIdentityProviderForSignOut = context =>
                {
                    context.ProtocolMessage.ClientId ??= context.Options.ClientId;
                    return Task.CompletedTask;
                };
                if (!settings.RequireHttpsMetadata)
                {
                    // A loopback provider over HTTP (tests): the correlation and nonce cookies cannot be Secure there,
                    // and browsers refuse SameSite=None without Secure; Lax still reaches the same-site callback.
                    options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                    options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                    options.CorrelationCookie.SameSite = SameSiteMode.Lax;
                    options.NonceCookie.SameSite = SameSiteMode.Lax;
                }
            });

        services.AddAuthorizationBuilder().SetFallbackPolicy(PortalPolicy(settings));
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, PortalCircuitUser>());
        return services;
    }

    /// <summary>Authenticates and authorizes every request, when sign-in is configured.</summary>
    public static IApplicationBuilder UsePortalAuthentication(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetRequiredService<IOptions<PortalAuthenticationOptions>>().Value.IsEnabled)
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }

        return app;
    }

    /// <summary>Maps the access-denied page and sign-out, when sign-in is configured.</summary>
    public static IEndpointRouteBuilder MapPortalAccount(this IEndpointRouteBuilder endpoints)
    {
        PortalAuthenticationOptions settings = endpoints.ServiceProvider.GetRequiredService<IOptions<PortalAuthenticationOptions>>().Value;
        if (!settings.IsEnabled)
        {
            return endpoints;
        }

        endpoints.MapGet(AccessDeniedPath, (HttpContext context, IAntiforgery antiforgery) =>
            Page(context, StatusCodes.Status403Forbidden, "You cannot use IcaKms",
                $"""
                <p>You are signed in as <b>{WebUtility.HtmlEncode(UserName(context.User) ?? "an unknown user")}</b>, but this portal
                is open only to users with the <code>{WebUtility.HtmlEncode(settings.RequiredClaimValue ?? string.Empty)}</code>
                {WebUtility.HtmlEncode(settings.RequiredClaimType)} claim.</p>
                <p>Ask your IcaKms administrator to add you, then sign out and in again.</p>
                {SignOutForm(context, antiforgery)}
                """))
            .AllowAnonymous();
        endpoints.MapGet(SignOutPath, (HttpContext context, IAntiforgery antiforgery) =>
            Page(context, StatusCodes.Status200OK, "Sign out of IcaKms", SignOutForm(context, antiforgery)))
            .AllowAnonymous();
        endpoints.MapPost(SignOutPath, SignOutAsync).AllowAnonymous().DisableAntiforgery();
        return endpoints;
    }

    /// <summary>The name a person is known by in the audit: their user name, e-mail, display name or subject, whichever comes first.</summary>
    public static string? UserName(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        return new[] { "preferred_username", "email", "name", "sub" }
            .Select(user.FindFirstValue)
            .FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
    }

    /// <summary>Why <paramref name="user"/> may not apply changes, or null when they may.</summary>
    public static string? ApplyRefusal(ClaimsPrincipal user, PortalAuthenticationOptions settings)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.ApplyClaimValue is not { Length: > 0 } value || user.HasClaim(settings.ApplyClaimType, value))
        {
            return null;
        }

        return $"Applying changes needs the {value} {settings.ApplyClaimType} claim, which your account does not have: you can " +
            "generate, inspect and plan, and copy the AWS CLI commands for someone who may apply them.";
    }

    private static AuthorizationPolicy PortalPolicy(PortalAuthenticationOptions settings)
    {
        var policy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser();
        if (settings.RequiredClaimValue is { Length: > 0 } value)
        {
            policy.RequireClaim(settings.RequiredClaimType, value);
        }

        return policy.Build();
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery, IOptionsMonitor<OpenIdConnectOptions> oidc)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.BadRequest();
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        // Not every provider ends sessions (Google has no end_session_endpoint): sign out there only when it does.
        OpenIdConnectOptions options = oidc.Get(OpenIdConnectDefaults.AuthenticationScheme);
        OpenIdConnectConfiguration? provider = options.ConfigurationManager is { } manager
            ? await manager.GetConfigurationAsync(context.RequestAborted)
            : null;
        if (provider?.EndSessionEndpoint is { Length: > 0 })
        {
            return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIdConnectDefaults.AuthenticationScheme]);
        }

        return Results.Redirect("/");
    }

    private static string SignOutForm(HttpContext context, IAntiforgery antiforgery)
    {
        AntiforgeryTokenSet tokens = antiforgery.GetAndStoreTokens(context);
        return $"""
            <form method="post" action="{SignOutPath}">
              <input type="hidden" name="{WebUtility.HtmlEncode(tokens.FormFieldName)}" value="{WebUtility.HtmlEncode(tokens.RequestToken)}" />
              <button type="submit">Sign out</button>
            </form>
            """;
    }

    private static IResult Page(HttpContext context, int status, string title, string body)
    {
        context.Response.Headers.CacheControl = "no-store";
        string html = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1.0" />
            <title>{WebUtility.HtmlEncode(title)} · IcaKms</title><link rel="stylesheet" href="/app.css" /></head>
            <body class="portal-page"><main><h1>{WebUtility.HtmlEncode(title)}</h1>{body}</main></body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}

/// <summary>
/// Tells the circuit who signed in (<see cref="CircuitUser"/>) when it opens, before any component renders: their
/// name for the audit and whether they may apply changes.
/// </summary>
internal sealed class PortalCircuitUser(
    AuthenticationStateProvider authentication, CircuitUser user, IOptions<PortalAuthenticationOptions> options) : CircuitHandler
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        ClaimsPrincipal principal = (await authentication.GetAuthenticationStateAsync()).User;
        user.SignIn(PortalAuthentication.UserName(principal), PortalAuthentication.ApplyRefusal(principal, options.Value));
    }
}
