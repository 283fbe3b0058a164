using IcaKms.Core.Policies;
using IcaKms.Core.Setup;
using IcaKms.Core.Validation;

namespace IcaKms.Core.Checks;

/// <summary>
/// What one inspection is about, built once from the wizard's inputs and their validation: the inspection and the
/// checks read validated values from here and never validate raw inputs again.
/// </summary>
public sealed record InspectionRequest
{
    /// <summary>The AWS region of the ICA region (where the key must be and the bucket is looked for).</summary>
    public required string AwsRegion { get; init; }

    /// <summary>The bucket name, validated; null when it is not a valid bucket name (see <see cref="BucketError"/>).</summary>
    public string? BucketName { get; init; }

    /// <summary>Why the bucket name cannot be used, or null.</summary>
    public string? BucketError { get; init; }

    /// <summary>
    /// The key as given, trimmed (empty when none). It may be a key ARN, key id, alias name or alias ARN, or a key ARN
    /// of another region: KMS resolves what it can, and the checks explain the rest.
    /// </summary>
    public string Key { get; init; } = string.Empty;

    /// <summary>The key ARN when the key field validated as a key ARN in the ICA region; otherwise null.</summary>
    public string? KeyArn { get; init; }

    /// <summary>The key prefix normalized to <c>folder/</c>; empty when none was given or it is not valid.</summary>
    public string Prefix { get; init; } = string.Empty;

    /// <summary>Why the key prefix cannot be used, or null.</summary>
    public string? PrefixError { get; init; }

    /// <summary>Which of the spec's IAM policies was chosen.</summary>
    public PolicyVariant Variant { get; init; }

    /// <summary>Whether the policy's object statement is scoped to the prefix folder.</summary>
    public bool ScopeObjectsToPrefix { get; init; }

    /// <summary>The IAM user to inspect, validated; null when blank or not valid.</summary>
    public string? IamUserName { get; init; }

    /// <summary>The managed policy to inspect, validated; null when blank or not valid.</summary>
    public string? PolicyArn { get; init; }

    /// <summary>Whether ICA's cross-account copy will use the key.</summary>
    public bool CrossAccountCopy { get; init; }

    /// <summary>ICA's cross-account role ARN, validated; null when cross-account copy is off or the ARN is not valid.</summary>
    public string? CrossAccountRoleArn { get; init; }

    /// <summary>Why the cross-account role ARN cannot be used (only when cross-account copy is chosen), or null.</summary>
    public string? CrossAccountRoleError { get; init; }

    /// <summary>Builds the request from the wizard's inputs and their validation (<see cref="SetupValidation.Of"/>).</summary>
    public static InspectionRequest Create(SetupInputs inputs, SetupValidation validation)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(validation);
        return new InspectionRequest
        {
            AwsRegion = inputs.AwsRegion.Trim(),
            BucketName = ValueOrNull(validation.BucketName),
            BucketError = validation.BucketName.Error,
            Key = (inputs.KeyArn ?? string.Empty).Trim(),
            KeyArn = ValueOrNull(validation.KeyArn),
            Prefix = validation.KeyPrefix.IsValid ? validation.KeyPrefix.Value : string.Empty,
            PrefixError = validation.KeyPrefix.Error,
            Variant = inputs.Variant,
            ScopeObjectsToPrefix = inputs.ScopeObjectsToPrefix,
            IamUserName = ValueOrNull(validation.IamUserName),
            PolicyArn = ValueOrNull(validation.PolicyArn),
            CrossAccountCopy = inputs.CrossAccountCopy,
            CrossAccountRoleArn = inputs.CrossAccountCopy ? ValueOrNull(validation.CrossAccountRoleArn) : null,
            CrossAccountRoleError = inputs.CrossAccountCopy ? validation.CrossAccountRoleArn.Error : null,
        };
    }

    /// <summary>Builds the request from the wizard's inputs, validating them once.</summary>
    public static InspectionRequest Create(SetupInputs inputs) => Create(inputs, SetupValidation.Of(inputs));

    private static string? ValueOrNull(FieldValidation field) =>
        field.IsValid && !string.IsNullOrWhiteSpace(field.Value) ? field.Value.Trim() : null;
}
