using System.Text.RegularExpressions;

namespace IcaKms.Core.Ica;

/// <summary>Where the storage credential of the configuration comes from.</summary>
public enum CredentialSource
{
    /// <summary>A credential that already exists in ICA, picked from the list.</summary>
    Existing,

    /// <summary>A new credential from an access key the admin pastes.</summary>
    PastedKey,

    /// <summary>A new credential from an access key IcaKms creates for the ICA IAM user (<c>iam:CreateAccessKey</c>), passed straight to ICA.</summary>
    NewIamKey,
}

/// <summary>The admin's choice of storage credential.</summary>
/// <param name="Source">Where it comes from.</param>
/// <param name="ExistingId">The id of the existing credential (for <see cref="CredentialSource.Existing"/>).</param>
/// <param name="Name">The name of the existing or new credential.</param>
/// <param name="AccessKeyId">The pasted access key id (for <see cref="CredentialSource.PastedKey"/>); never the secret.</param>
/// <param name="IamUserName">The IAM user the new key is for (for <see cref="CredentialSource.NewIamKey"/>).</param>
public sealed partial record CredentialChoice(CredentialSource Source, string? ExistingId, string Name, string? AccessKeyId = null, string? IamUserName = null)
{
    /// <summary>The longest credential name ICA accepts.</summary>
    public const int MaxNameLength = 150;

    /// <summary>A credential name ICA accepts (model <c>CreateStorageCredential</c>: <c>^[a-zA-Z0-9_-]*$</c>, 1–150) made from any text.</summary>
    public static string NameFrom(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string name = NotAllowed().Replace(text.Trim(), "-").Trim('-');
        name = name.Length == 0 ? "icakms" : name;
        return name.Length > MaxNameLength ? name[..MaxNameLength] : name;
    }

    /// <summary>Why a credential name cannot be used, or null.</summary>
    public static string? NameProblem(string name) =>
        string.IsNullOrEmpty(name) || name.Length > MaxNameLength || NotAllowed().IsMatch(name)
            ? "A credential name is 1–150 letters, digits, '_' and '-' (ICA's rule)."
            : null;

    [GeneratedRegex("[^a-zA-Z0-9_-]+", RegexOptions.CultureInvariant)]
    private static partial Regex NotAllowed();
}
