using IcaKms.Core.Aws;
using IcaKms.Core.Setup;
using IcaKms.Core.Validation;

namespace IcaKms.Core.Checks;

/// <summary>The snapshot and inputs, with the values several checks derive from them worked out once.</summary>
internal sealed class CheckContext
{
    public CheckContext(LiveSnapshot snapshot, SetupInputs inputs, InspectionTargets targets)
    {
        Snapshot = snapshot;
        Inputs = inputs;
        Targets = targets;
        Bucket = BucketNameRule.Validate(inputs.BucketName);
        Prefix = KeyPrefixRule.Validate(inputs.KeyPrefix);

        // The region is not compared here: the key-region check says that, with the key's real region.
        FieldValidation typedArn = KmsKeyArnRule.Validate(inputs.KeyArn, string.Empty);
        KeyArn = snapshot.Key.Value?.KeyArn ?? (typedArn.IsValid ? typedArn.Value : null);
        ArnParts? parts = KeyArn is null ? null : ArnParts.Parse(KeyArn);
        Account = snapshot.Key.Value?.Account ?? parts?.Account;
        Partition = parts?.Partition ?? "aws";
    }

    public LiveSnapshot Snapshot { get; }

    public SetupInputs Inputs { get; }

    public InspectionTargets Targets { get; }

    /// <summary>The bucket name, validated (trimmed when valid).</summary>
    public FieldValidation Bucket { get; }

    /// <summary>The key prefix, validated and normalized to <c>folder/</c>.</summary>
    public FieldValidation Prefix { get; }

    /// <summary>The key as typed, trimmed.</summary>
    public string KeyInput => Inputs.KeyArn.Trim();

    /// <summary>The wizard's key ARN: resolved by DescribeKey, else as typed when it is a key ARN, else null.</summary>
    public string? KeyArn { get; }

    /// <summary>The key's account (the account whose root and IAM users the key policy is about).</summary>
    public string? Account { get; }

    /// <summary>The key ARN's partition (<c>aws</c> unless the ARN says otherwise).</summary>
    public string Partition { get; }

    /// <summary>The wizard key's description when DescribeKey succeeded.</summary>
    public KmsKeyDescription? Key => Snapshot.Key.Value;

    /// <summary>The account root principal ARN, or null when the account is not known.</summary>
    public string? RootArn => Account is null ? null : $"arn:{Partition}:iam::{Account}:root";
}
