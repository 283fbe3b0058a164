using IcaKms.Core.Setup;
using IcaKms.Core.Validation;

namespace IcaKms.Core.Shell;

/// <summary>
/// The CLI commands take only values that already passed their rule: anything else is refused with an
/// <see cref="ArgumentException"/> rather than quoted into a command a person might run.
/// </summary>
internal static class CliArgumentChecks
{
    /// <summary>Refuses anything but an ICA region.</summary>
    public static void RequireRegion(string region) => RequireRule(IcaRegionRule.Validate(region), region, "region");

    /// <summary>Refuses anything but a valid bucket name.</summary>
    public static void RequireBucket(string bucketName) => RequireRule(BucketNameRule.Validate(bucketName), bucketName, "bucket name");

    /// <summary>Refuses anything but a valid key prefix.</summary>
    public static void RequirePrefix(string keyPrefix) => RequireRule(KeyPrefixRule.Validate(keyPrefix), keyPrefix, "key prefix");

    /// <summary>Refuses anything but a valid IAM user name.</summary>
    public static void RequireUser(string userName)
    {
        RequireRule(IamUserNameRule.Validate(userName), userName, "IAM user name");
        Require(SetupNames.IsValidUserName(userName), userName, "an IAM user name");
    }

    /// <summary>Refuses anything but a valid IAM policy name.</summary>
    public static void RequirePolicyName(string policyName) =>
        Require(SetupNames.IsValidPolicyName(policyName), policyName, "an IAM policy name (1-128 of letters, digits and + = , . @ _ -)");

    /// <summary>Refuses anything but a validated key ARN in the region (a shell variable passes: its value is known only when the commands run).</summary>
    public static void RequireKey(string region, CliArn keyArn)
    {
        ArgumentNullException.ThrowIfNull(keyArn);
        if (keyArn.Arn is { } arn)
        {
            RequireRule(KmsKeyArnRule.Validate(arn, region), arn, "key ARN");
        }
    }

    /// <summary>Refuses anything but a validated policy ARN (a shell variable passes).</summary>
    public static void RequirePolicyArn(CliArn policyArn)
    {
        ArgumentNullException.ThrowIfNull(policyArn);
        if (policyArn.Arn is { } arn)
        {
            RequireRule(PolicyArnRule.Validate(arn), arn, "policy ARN");
        }
    }

    /// <summary>Refuses a value its field rule does not accept as it is.</summary>
    public static void RequireRule(FieldValidation validation, string value, string what)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!validation.IsValid || validation.Value != value)
        {
            throw new ArgumentException($"Not a validated {what}: {validation.Error ?? $"expected {InputText.Shorten(validation.Value)}"}", nameof(value));
        }
    }

    /// <summary>Refuses a value that fails <paramref name="condition"/>, saying what it should have been.</summary>
    public static void Require(bool condition, string value, string what)
    {
        if (!condition)
        {
            throw new ArgumentException($"Not {what}: {InputText.Shorten(value ?? string.Empty)}", nameof(value));
        }
    }
}
