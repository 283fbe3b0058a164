namespace IcaKms.Web.Portal;

/// <summary>
/// The portal's OpenID Connect sign-in (configuration section <c>IcaKms:Authentication</c>): off until both
/// <see cref="Authority"/> and <see cref="ClientId"/> are set, so the app runs on a laptop with no setup.
/// </summary>
public sealed class PortalAuthenticationOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "IcaKms:Authentication";

    /// <summary>The OpenID provider's issuer URL (its discovery document is at <c>.well-known/openid-configuration</c> below it).</summary>
    public Uri? Authority { get; set; }

    /// <summary>The client id the provider registered for this portal.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret (a confidential client); keep it in an environment variable or a secret store, not in a file.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Scopes asked for besides <c>openid profile</c> (e.g. <c>email</c>, or a provider's <c>groups</c> scope).</summary>
    public IReadOnlyList<string> Scopes { get; set; } = [];

    /// <summary>The claim a user must carry to use the portal at all (e.g. <c>groups</c> or <c>roles</c>); with <see cref="RequiredClaimValue"/>.</summary>
    public string RequiredClaimType { get; set; } = "groups";

    /// <summary>The value of <see cref="RequiredClaimType"/> a user must carry; null lets every signed-in user in.</summary>
    public string? RequiredClaimValue { get; set; }

    /// <summary>The claim that lets a user apply changes to AWS; with <see cref="ApplyClaimValue"/>.</summary>
    public string ApplyClaimType { get; set; } = "groups";

    /// <summary>The value of <see cref="ApplyClaimType"/> a user must carry to apply changes; null lets every user apply.</summary>
    public string? ApplyClaimValue { get; set; }

    /// <summary>Whether the provider's metadata must come over HTTPS (true unless a test provider runs on loopback HTTP).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Whether sign-in is switched on.</summary>
    public bool IsEnabled => Authority is not null && !string.IsNullOrWhiteSpace(ClientId);
}
