using IcaKms.Core.Checks;

namespace IcaKms.Core.Ica;

/// <summary>
/// What ICA's <c>errorMessage</c> after a failed validation says, read by structure (<see cref="ValidationErrorMessage"/>):
/// the ARN it quotes compared with the wizard's inputs, the AWS error code and action it names, the request field it
/// names. When nothing in it can be read with certainty, the cause is said to be unknown: no keyword guesses.
/// </summary>
/// <param name="CheckIds">The live checks that test what the message names; empty when none does.</param>
/// <param name="Hint">What the message shows, in one or two sentences.</param>
/// <param name="IsKnown">False when the message names nothing IcaKms can read: <paramref name="Hint"/> then says "unknown".</param>
public sealed record ValidationErrorExplanation(IReadOnlyList<string> CheckIds, string Hint, bool IsKnown = true)
{
    /// <summary>Explains <paramref name="errorMessage"/> against the values the configuration was made from.</summary>
    /// <param name="errorMessage">ICA's <c>errorMessage</c>.</param>
    /// <param name="wanted">The wizard's configuration (bucket, prefix, key ARN, region).</param>
    /// <param name="iamUserName">The ICA IAM user of step 2, or null/empty when not entered.</param>
    public static ValidationErrorExplanation Of(string? errorMessage, IcaStorageConfiguration wanted, string? iamUserName)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        ValidationErrorMessage message = ValidationErrorMessage.Parse(errorMessage);
        return FromArns(message, wanted, iamUserName) ?? FromCodes(message, wanted) ?? FromFields(message) ?? AboutTheKey(message, wanted) ?? Unknown;
    }

    /// <summary>The answer when the message names nothing IcaKms can read.</summary>
    public static ValidationErrorExplanation Unknown { get; } = new([],
        "Unknown: ICA's message names no AWS error code, action, ARN or field IcaKms can compare with the wizard's values. Read it against the live checks of steps 1 and 2.",
        IsKnown: false);

    // An ARN quoted that is not the wizard's value is the surest reading: ICA was given, or met, something else.
    private static ValidationErrorExplanation? FromArns(ValidationErrorMessage message, IcaStorageConfiguration wanted, string? iamUserName)
    {
        string awsRegion = wanted.Region.AwsRegion;
        foreach (QuotedArn arn in message.Arns)
        {
            switch (arn.Service)
            {
                case "kms" when !string.Equals(arn.Text, wanted.KeyArn, StringComparison.Ordinal):
                    return arn.Region != awsRegion
                        ? new([LiveCheckIds.KeyRegion, LiveCheckIds.BucketEncryption],
                            $"ICA's message names the KMS key {arn.Text} in {arn.Region}, not the wizard's key in {awsRegion}: the bucket's default key and the configuration's Key Name must be a key of {awsRegion}.")
                        : new([LiveCheckIds.BucketEncryption, LiveCheckIds.KeyResolves],
                            $"ICA's message names the KMS key {arn.Text}, not the wizard's {wanted.KeyArn}: the bucket's default encryption or the configuration's Key Name uses another key.");
                case "s3" when Bucket(arn) is { } bucket && !string.Equals(bucket, wanted.BucketName, StringComparison.Ordinal):
                    return new([LiveCheckIds.BucketRegion],
                        $"ICA's message names the bucket {bucket}, not the wizard's {wanted.BucketName}: the configuration's Bucket name differs.");
                case "iam" when User(arn) is { } user && !string.IsNullOrEmpty(iamUserName) && !string.Equals(user, iamUserName, StringComparison.Ordinal):
                    return new([LiveCheckIds.IamPolicy],
                        $"ICA's message names the IAM user {user}, not the wizard's {iamUserName}: the configuration's storage credential is an access key of {user}, which does not hold step 2's policy. Use a credential of {iamUserName}.");
            }
        }

        return null;
    }

    private static ValidationErrorExplanation? FromCodes(ValidationErrorMessage message, IcaStorageConfiguration wanted)
    {
        string? action = message.Actions.FirstOrDefault();
        if (message.Names("InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken"))
        {
            return new([], $"ICA's storage credential ({message.Codes[0]}): its access key is wrong, deleted or inactive, or too new for IAM to know yet (wait a minute and validate again).");
        }

        if (message.ExpectedRegion is { } expected)
        {
            return new([LiveCheckIds.BucketRegion],
                $"S3 says the bucket {wanted.BucketName} is in {expected}; the ICA region needs {wanted.Region.AwsRegion}: use a bucket of {wanted.Region.AwsRegion}.");
        }

        if (message.Names("NoSuchBucket"))
        {
            return new([LiveCheckIds.BucketRegion], $"S3 says there is no bucket {wanted.BucketName} (NoSuchBucket): check its exact name.");
        }

        if (message.Names("PermanentRedirect", "AuthorizationHeaderMalformed", "IllegalLocationConstraintException"))
        {
            return new([LiveCheckIds.BucketRegion], $"S3 answered {message.Codes[0]}: the bucket {wanted.BucketName} is not in {wanted.Region.AwsRegion}.");
        }

        if (message.Names("DisabledException", "KMSInvalidStateException"))
        {
            return new([LiveCheckIds.KeyState], $"KMS says the key is not usable ({message.Codes[0]}): it must be enabled, not pending deletion.");
        }

        if (message.Names("NotFoundException"))
        {
            return new([LiveCheckIds.KeyResolves, LiveCheckIds.KeyRegion], $"KMS found no key {wanted.KeyArn} (NotFoundException): check the full key ARN and its region.");
        }

        if (message.Names("InvalidKeyUsageException"))
        {
            return new([LiveCheckIds.KeySpec], "KMS says the key cannot encrypt (InvalidKeyUsageException): S3 needs a symmetric ENCRYPT_DECRYPT key.");
        }

        if (message.Names("AccessDenied", "AccessDeniedException"))
        {
            return action switch
            {
                not null when action.StartsWith("kms:", StringComparison.Ordinal) => new([LiveCheckIds.IamPolicy, LiveCheckIds.KeyPolicyIam],
                    $"AWS denied {action} on the KMS key: the IAM policy of step 2 must allow it on {wanted.KeyArn}, and the key policy must let IAM policies grant it."),
                not null when action.StartsWith("s3:", StringComparison.Ordinal) => new([LiveCheckIds.IamPolicy],
                    $"AWS denied {action}: the IAM policy of step 2 must allow it on the bucket {wanted.BucketName} and its prefix."),
                _ => new([LiveCheckIds.IamPolicy, LiveCheckIds.KeyPolicyIam],
                    "AWS denied access without naming the action: the IAM policy of step 2 (attached to the user whose key ICA holds) and the key policy."),
            };
        }

        return null;
    }

    private static ValidationErrorExplanation? FromFields(ValidationErrorMessage message) => message.Fields.FirstOrDefault() switch
    {
        "bucketName" => new([LiveCheckIds.BucketRegion], "ICA's message names the Bucket name (bucketName)."),
        "keyPrefix" => new([LiveCheckIds.PrefixFolder], "ICA's message names the Key prefix (keyPrefix)."),
        "serverSideEncryptionKey" => new([LiveCheckIds.KeyResolves, LiveCheckIds.KeyRegion], "ICA's message names the Key Name (serverSideEncryptionKey)."),
        "serverSideEncryptionAlgorithm" => new([LiveCheckIds.BucketEncryption], "ICA's message names the Algorithm (serverSideEncryptionAlgorithm): aws:kms."),
        "storageCredentialId" => new([], "ICA's message names the storage credential (storageCredentialId)."),
        "regionId" => new([LiveCheckIds.BucketRegion, LiveCheckIds.KeyRegion], "ICA's message names the Region (regionId)."),
        _ => null,
    };

    // The wizard's own key ARN quoted with no code to read: the message is about the key, its cause is not known.
    private static ValidationErrorExplanation? AboutTheKey(ValidationErrorMessage message, IcaStorageConfiguration wanted) =>
        message.Arns.Any(a => a.Service == "kms" && string.Equals(a.Text, wanted.KeyArn, StringComparison.Ordinal))
            ? new([LiveCheckIds.KeyResolves, LiveCheckIds.KeyState, LiveCheckIds.KeySpec],
                $"ICA's message is about the wizard's KMS key {wanted.KeyArn} (the same ARN, in {wanted.Region.AwsRegion}), but names no AWS error code IcaKms can read: the cause is unknown. The key's live checks are below.",
                IsKnown: false)
            : null;

    // arn:aws:s3:::bucket or arn:aws:s3:::bucket/key → bucket.
    private static string? Bucket(QuotedArn arn) => arn.Resource.Length == 0 ? null : arn.Resource.Split('/')[0];

    // arn:aws:iam::123456789012:user/path/name → name.
    private static string? User(QuotedArn arn) => arn.Resource.StartsWith("user/", StringComparison.Ordinal) ? arn.Resource[(arn.Resource.LastIndexOf('/') + 1)..] : null;
}
