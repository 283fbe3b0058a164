using System.Text.RegularExpressions;

namespace IcaKms.Core.Validation;

/// <summary>
/// The KMS key ARN ICA needs as "Key Name": the full key ARN (never an alias, which resolves in the caller's
/// account), of a customer managed key in the ICA region.
/// </summary>
public static partial class KmsKeyArnRule
{
    private const string Example = "arn:aws:kms:<region>:<12-digit account>:key/<key id>";

    /// <summary>The most characters checked: longer text is refused as too long.</summary>
    public const int MaxInputLength = InputLimits.Arn;

    /// <summary>Checks a KMS key ARN; the value is the trimmed ARN with its key id in lowercase, as KMS writes it.</summary>
    /// <param name="input">What the user typed.</param>
    /// <param name="awsRegion">The AWS region of the chosen ICA region; when empty the region is not compared.</param>
    public static FieldValidation Validate(string? input, string awsRegion)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return FieldValidation.Fail(input ?? "", $"The KMS key ARN is required: enter it in the form {Example}.");
        }

        if (InputLimits.Check(input, MaxInputLength, "The key ARN") is { } tooLong)
        {
            return tooLong;
        }

        string arn = input.Trim();
        if (arn.Any(c => char.IsWhiteSpace(c) || InputText.IsInvisible(c)))
        {
            return FieldValidation.Fail(input, "The key ARN contains a space, line break or invisible character: paste it again as one line.");
        }

        if (arn.StartsWith("alias/", StringComparison.Ordinal))
        {
            return FieldValidation.Fail(input, AliasError(arn));
        }

        if (KeyId().IsMatch(arn))
        {
            return FieldValidation.Fail(input, $"Enter the full key ARN, not the key id: {Example}.");
        }

        ArnParts? parts = ArnParts.Parse(arn);
        if (parts is null)
        {
            return FieldValidation.Fail(input, $"{InputText.Quote(arn)} is not a KMS key ARN: it should look like {Example}.");
        }

        string? error = FindError(parts, awsRegion);
        return error is null
            ? FieldValidation.Ok(ArnParts.Key(parts.Partition, parts.Region, parts.Account, parts.Resource["key/".Length..].ToLowerInvariant()))
            : FieldValidation.Fail(input, error);
    }

    private static string? FindError(ArnParts parts, string awsRegion)
    {
        if (parts.Service != "kms")
        {
            return $"This is {ServiceName(parts.Service)} ARN, not a KMS key ARN: paste the key ARN from the KMS console ({Example}).";
        }

        if (parts.Resource.StartsWith("alias/", StringComparison.Ordinal))
        {
            return AliasError(parts.Resource);
        }

        if (parts.NonCommercialPartitionError("key") is string partitionError)
        {
            return partitionError;
        }

        if (!parts.IsCommercial)
        {
            return $"The ARN's partition must be {ArnParts.CommercialPartition} (ICA runs only in AWS's commercial partition): it should look like {Example}.";
        }

        if (!Region().IsMatch(parts.Region))
        {
            return $"The key ARN is missing a valid region (such as us-east-1): it should look like {Example}.";
        }

        if (!parts.HasAccountId)
        {
            return $"The key ARN must hold the 12-digit AWS account id after the region: it should look like {Example}.";
        }

        if (!parts.Resource.StartsWith("key/", StringComparison.Ordinal) || !KeyId().IsMatch(parts.Resource["key/".Length..]))
        {
            return "The key ARN must end with 'key/' and a key id (a UUID such as 1234abcd-12ab-34cd-56ef-1234567890ab, or mrk- and 32 hex digits).";
        }

        return !string.IsNullOrWhiteSpace(awsRegion) && !string.Equals(parts.Region, awsRegion, StringComparison.Ordinal)
            ? $"The key is in {parts.Region} but your ICA region uses {awsRegion}: bucket, key and ICA project must be in the same region."
            : null;
    }

    private static string AliasError(string alias) => alias.StartsWith("alias/aws/", StringComparison.Ordinal)
        ? "The AWS managed key aws/s3 (or any alias/aws/… key) cannot be used across accounts and its policy cannot be changed: create a customer managed key and use its key ARN."
        : $"An alias resolves in the caller's account, so use the key ARN instead: find it in the KMS console or with `aws kms describe-key --key-id {InputText.Shorten(alias)}`.";

    private static string ServiceName(string service) => service switch
    {
        "s3" => "an S3",
        "iam" => "an IAM",
        "sts" => "an STS",
        _ => "another service's",
    };

    [GeneratedRegex("^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|mrk-[0-9a-fA-F]{32})$")]
    private static partial Regex KeyId();

    [GeneratedRegex("^[a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}$")]
    private static partial Regex Region();
}
