using System.Text.RegularExpressions;

namespace IcaKms.Core.Ica;

/// <summary>An ARN quoted in ICA's <c>errorMessage</c>, split into its parts.</summary>
/// <param name="Text">The ARN as quoted.</param>
/// <param name="Service">The service (<c>kms</c>, <c>s3</c>, <c>iam</c>, <c>sts</c>).</param>
/// <param name="Region">The region (empty for S3 and IAM ARNs).</param>
/// <param name="Resource">What follows the account: <c>key/…</c>, <c>user/…</c>, <c>bucket/object</c>.</param>
public sealed record QuotedArn(string Text, string Service, string Region, string Resource);

/// <summary>
/// The parts of ICA's validation <c>errorMessage</c> that can be read with certainty: ICA documents no list of
/// messages, but it passes on AWS's own texts, whose error codes (<c>AccessDenied</c>, <c>NoSuchBucket</c>, …), actions
/// (<c>kms:GenerateDataKey</c>), ARNs and S3's "expecting 'region'" have a fixed form; and the request fields ICA
/// validates (<c>bucketName</c>, <c>keyPrefix</c>, <c>serverSideEncryptionKey</c>) are named as the API names them.
/// </summary>
/// <param name="Arns">The ARNs quoted, in order.</param>
/// <param name="Actions">The IAM actions named (<c>service:Action</c>).</param>
/// <param name="Codes">The AWS error codes named, from <see cref="KnownCodes"/>.</param>
/// <param name="Fields">The request fields named, from <see cref="KnownFields"/>.</param>
/// <param name="ExpectedRegion">The region S3 says the bucket is in ("… is wrong; expecting 'eu-west-2'"), or null.</param>
public sealed partial record ValidationErrorMessage(
    IReadOnlyList<QuotedArn> Arns,
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> Codes,
    IReadOnlyList<string> Fields,
    string? ExpectedRegion)
{
    /// <summary>The AWS error codes IcaKms reads (S3's, IAM's and KMS's, with and without KMS's <c>KMS.</c> prefix).</summary>
    public static readonly IReadOnlyList<string> KnownCodes =
    [
        "AccessDenied", "AccessDeniedException", "NoSuchBucket", "InvalidAccessKeyId", "SignatureDoesNotMatch", "PermanentRedirect",
        "AuthorizationHeaderMalformed", "IllegalLocationConstraintException", "DisabledException", "KMSInvalidStateException",
        "NotFoundException", "InvalidKeyUsageException", "KMS.DisabledException", "KMS.KMSInvalidStateException", "KMS.NotFoundException",
        "KMS.InvalidKeyUsageException", "KMS.AccessDeniedException", "ExpiredToken", "InvalidToken",
    ];

    // AWS's fixed message texts of some codes, for a message that quotes the text without the code.
    private static readonly (string Text, string Code)[] FixedTexts =
    [
        ("Access Denied", "AccessDenied"),
        ("is not authorized to perform", "AccessDenied"),
        ("The specified bucket does not exist", "NoSuchBucket"),
        ("The AWS Access Key Id you provided does not exist in our records", "InvalidAccessKeyId"),
        ("The request signature we calculated does not match the signature you provided", "SignatureDoesNotMatch"),
    ];

    /// <summary>The fields of ICA's create request that its validation can name.</summary>
    public static readonly IReadOnlyList<string> KnownFields =
    [
        "bucketName", "keyPrefix", "serverSideEncryptionKey", "serverSideEncryptionAlgorithm", "regionId", "storageCredentialId",
    ];

    /// <summary>Reads the message (null or blank gives an empty reading).</summary>
    public static ValidationErrorMessage Parse(string? errorMessage)
    {
        string text = errorMessage ?? string.Empty;
        var arns = Arn().Matches(text).Select(m => new QuotedArn(m.Value, m.Groups["service"].Value, m.Groups["region"].Value, m.Groups["resource"].Value)).ToList();
        var actions = Action().Matches(text).Select(m => m.Value).Distinct(StringComparer.Ordinal).ToList();
        var words = Word().Matches(text).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        var codes = KnownCodes.Where(words.Contains)
            .Concat(FixedTexts.Where(f => text.Contains(f.Text, StringComparison.Ordinal)).Select(f => f.Code))
            .Distinct(StringComparer.Ordinal).ToList();
        var fields = KnownFields.Where(words.Contains).ToList();
        Match expecting = Expecting().Match(text);
        return new ValidationErrorMessage(arns, actions, codes, fields, expecting.Success ? expecting.Groups["region"].Value : null);
    }

    /// <summary>True when one of <paramref name="codes"/> is named.</summary>
    public bool Names(params string[] codes) => codes.Any(c => Codes.Contains(c, StringComparer.Ordinal) || Codes.Contains("KMS." + c, StringComparer.Ordinal));

    // An ARN ends at whitespace, a quote, a comma, a semicolon, a bracket, or a full stop before whitespace or the end.
    [GeneratedRegex(@"arn:aws[a-z-]*:(?<service>[a-z0-9-]+):(?<region>[a-z0-9-]*):(?<account>[0-9]{12})?:(?<resource>[^\s""'`,;()\[\]]+?)(?=[.]?(?:$|[\s""'`,;()\[\]]))", RegexOptions.CultureInvariant)]
    private static partial Regex Arn();

    [GeneratedRegex(@"(?<![\w:/-])(?:s3|kms|iam|sts):[A-Z][A-Za-z]+\b", RegexOptions.CultureInvariant)]
    private static partial Regex Action();

    [GeneratedRegex(@"[A-Za-z][A-Za-z.]*[A-Za-z]", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    [GeneratedRegex(@"expecting '(?<region>[a-z]{2}(?:-[a-z]+)+-[0-9])'", RegexOptions.CultureInvariant)]
    private static partial Regex Expecting();
}
