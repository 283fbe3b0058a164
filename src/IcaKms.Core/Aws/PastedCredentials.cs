using System.Text.RegularExpressions;

namespace IcaKms.Core.Aws;

/// <summary>
/// Temporary credentials pasted by the admin. Only checked for shape here (STS GetCallerIdentity says whether they work);
/// <see cref="ToString"/> never shows the secret or the token.
/// </summary>
/// <param name="AccessKeyId">The access key id (<c>ASIA…</c> for temporary credentials).</param>
/// <param name="SecretAccessKey">The secret access key.</param>
/// <param name="SessionToken">The session token (required with an <c>ASIA…</c> key).</param>
public sealed partial record PastedCredentials(string AccessKeyId, string SecretAccessKey, string SessionToken)
{
    /// <summary>Why the pasted values cannot be credentials, or null when they look right.</summary>
    public string? Problem()
    {
        string id = AccessKeyId.Trim();
        if (id.Length == 0 || SecretAccessKey.Trim().Length == 0)
        {
            return "Enter the access key id and the secret access key.";
        }

        if (!AccessKeyIdPattern().IsMatch(id))
        {
            return "The access key id should be 16 to 128 capital letters and digits, starting ASIA (temporary) or AKIA.";
        }

        if (SecretAccessKey.Trim().Any(char.IsWhiteSpace))
        {
            return "The secret access key contains a space or line break: paste it again as one line.";
        }

        if (id.StartsWith("ASIA", StringComparison.Ordinal) && SessionToken.Trim().Length == 0)
        {
            return "Temporary credentials (ASIA…) need their session token too: paste it as well.";
        }

        return null;
    }

    /// <summary>True for long-term IAM user keys (<c>AKIA…</c>), which IcaKms accepts but advises against.</summary>
    public bool IsLongTerm => AccessKeyId.Trim().StartsWith("AKIA", StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => $"PastedCredentials({AccessKeyId.Trim()[..Math.Min(4, AccessKeyId.Trim().Length)]}…)";

    [GeneratedRegex("^[A-Z0-9]{16,128}$")]
    private static partial Regex AccessKeyIdPattern();
}
