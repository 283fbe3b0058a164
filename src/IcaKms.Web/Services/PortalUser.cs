namespace IcaKms.Web.Services;

/// <summary>
/// The person at a circuit, as the portal knows them: their name when signed in, why they may not apply changes (null
/// when they may), and the address they came from. Without sign-in everyone is <see cref="Anonymous"/> and may apply,
/// as before the portal had sign-in.
/// </summary>
public sealed record PortalUser(string? Name, string? ApplyRefusal, string? ClientAddress)
{
    /// <summary>Nobody signed in, allowed to apply (the app without sign-in configured).</summary>
    public static PortalUser Anonymous { get; } = new(null, null, null);

    /// <summary>Whether this person may apply changes to AWS.</summary>
    public bool MayApply => ApplyRefusal is null;

    /// <summary>What per-user limits count against: the signed-in name, else the client's address.</summary>
    public string Partition => Name is { Length: > 0 } name ? "user:" + name : "address:" + (ClientAddress ?? "unknown");
}

/// <summary>
/// The circuit's <see cref="PortalUser"/> (scoped, one per circuit). The portal's sign-in sets it when the circuit
/// opens (<c>PortalCircuitUser</c>), and the app's root component adds the address the page was requested from;
/// without either it stays <see cref="PortalUser.Anonymous"/>.
/// </summary>
public sealed class CircuitUser
{
    /// <summary>The person at this circuit.</summary>
    public PortalUser Current { get; private set; } = PortalUser.Anonymous;

    /// <summary>Sets who signed in and whether they may apply, keeping the address.</summary>
    public void SignIn(string? name, string? applyRefusal) => Current = Current with { Name = name, ApplyRefusal = applyRefusal };

    /// <summary>Sets the client's address (the remote address of the page request, after forwarded headers).</summary>
    public void SetClientAddress(string? address) => Current = Current with { ClientAddress = address };
}
