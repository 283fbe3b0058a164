namespace IcaKms.Core.Setup;

/// <summary>
/// The names IcaKms proposes for what it creates, derived from the bucket name, and the rules a chosen name must
/// follow: IAM policy names (1–128 of <c>A-Z a-z 0-9 + = , . @ _ -</c>), IAM user names (the same characters,
/// 1–64), KMS alias names (<c>alias/</c> then 1–250 of <c>A-Z a-z 0-9 / _ -</c>, 256 in all, never <c>alias/aws/…</c>,
/// which AWS reserves for its managed keys).
/// </summary>
public static class SetupNames
{
    /// <summary>IAM's longest managed policy name.</summary>
    public const int MaxPolicyNameLength = 128;

    /// <summary>IAM's longest user name.</summary>
    public const int MaxUserNameLength = 64;

    /// <summary>KMS's longest alias name, <c>alias/</c> included.</summary>
    public const int MaxAliasNameLength = 256;

    /// <summary>Every KMS alias name starts with this.</summary>
    public const string AliasPrefix = "alias/";

    /// <summary>The alias prefix AWS reserves for its managed keys.</summary>
    public const string ReservedAliasPrefix = "alias/aws/";

    /// <summary>The object the verification writes under the prefix, then deletes.</summary>
    public const string VerificationObjectName = "icakms-verification.txt";

    /// <summary>The default managed policy name, <c>ica-sse-kms-&lt;bucket&gt;</c>, cut to <see cref="MaxPolicyNameLength"/>.</summary>
    public static string PolicyName(string bucketName) => Fit("ica-sse-kms-" + bucketName, IsIamNameCharacter, MaxPolicyNameLength);

    /// <summary>The default IAM user name for ICA, <c>ica-&lt;bucket&gt;</c>, cut to <see cref="MaxUserNameLength"/>.</summary>
    public static string UserName(string bucketName) => Fit("ica-" + bucketName, IsIamNameCharacter, MaxUserNameLength);

    /// <summary>
    /// The default KMS alias, <c>alias/ica-&lt;bucket&gt;</c>: characters an alias cannot hold (the bucket's dots) become
    /// <c>-</c>, cut to <see cref="MaxAliasNameLength"/>.
    /// </summary>
    public static string AliasName(string bucketName) => AliasPrefix + Fit("ica-" + bucketName, IsAliasCharacter, MaxAliasNameLength - AliasPrefix.Length);

    /// <summary>The default description of a key IcaKms creates.</summary>
    public static string KeyDescription(string bucketName) => $"ICA SSE-KMS key for S3 bucket {bucketName}";

    /// <summary>True when <paramref name="name"/> is a valid IAM managed policy name.</summary>
    public static bool IsValidPolicyName(string name) => IsIamName(name, MaxPolicyNameLength);

    /// <summary>True when <paramref name="name"/> is a valid IAM user name.</summary>
    public static bool IsValidUserName(string name) => IsIamName(name, MaxUserNameLength);

    /// <summary>True when <paramref name="name"/> is a KMS alias name a customer may create.</summary>
    public static bool IsValidAliasName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length > AliasPrefix.Length
            && name.Length <= MaxAliasNameLength
            && name.StartsWith(AliasPrefix, StringComparison.Ordinal)
            && !name.StartsWith(ReservedAliasPrefix, StringComparison.Ordinal)
            && name.All(c => c == '/' || IsAliasCharacter(c));
    }

    private static bool IsIamName(string name, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length > 0 && name.Length <= maxLength && name.All(IsIamNameCharacter);
    }

    private static string Fit(string name, Func<char, bool> allowed, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(name);
        string cleaned = new([.. name.Select(c => allowed(c) ? c : '-')]);
        return cleaned.Length <= maxLength ? cleaned : cleaned[..maxLength];
    }

    private static bool IsIamNameCharacter(char c) => char.IsAsciiLetterOrDigit(c) || "+=,.@_-".Contains(c, StringComparison.Ordinal);

    private static bool IsAliasCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';
}
