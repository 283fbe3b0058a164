using IcaKms.Core.Validation;

namespace IcaKms.Core.Setup;

/// <summary>Every field of <see cref="SetupInputs"/> checked against its rule, and which steps may be left.</summary>
/// <param name="Region">The ICA region.</param>
/// <param name="BucketName">The bucket name.</param>
/// <param name="KeyArn">The KMS key ARN (checked against the region).</param>
/// <param name="KeyPrefix">The prefix folder, normalized to <c>folder/</c>.</param>
/// <param name="ConfigurationName">ICA's configuration name.</param>
/// <param name="CrossAccountRoleArn">ICA's cross-account role (only checked when cross-account copy is chosen).</param>
/// <param name="IamUserName">The IAM user to inspect (optional).</param>
/// <param name="PolicyArn">The managed policy to inspect (optional).</param>
public sealed record SetupValidation(
    FieldValidation Region,
    FieldValidation BucketName,
    FieldValidation KeyArn,
    FieldValidation KeyPrefix,
    FieldValidation ConfigurationName,
    FieldValidation CrossAccountRoleArn,
    FieldValidation IamUserName,
    FieldValidation PolicyArn)
{
    /// <summary>Checks every field of the inputs.</summary>
    public static SetupValidation Of(SetupInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return new(
            IcaRegionRule.Validate(inputs.AwsRegion),
            BucketNameRule.Validate(inputs.BucketName),
            KmsKeyArnRule.Validate(inputs.KeyArn, inputs.AwsRegion),
            KeyPrefixRule.Validate(inputs.KeyPrefix),
            ConfigurationNameRule.Validate(inputs.ConfigurationName),
            inputs.CrossAccountCopy ? RoleArnRule.Validate(inputs.CrossAccountRoleArn, inputs.AwsRegion) : FieldValidation.Ok(string.Empty),
            IamUserNameRule.Validate(inputs.IamUserName),
            PolicyArnRule.Validate(inputs.PolicyArn));
    }

    /// <summary>The fields a step owns; the step may be left only when all of them are valid.</summary>
    public IReadOnlyList<FieldValidation> FieldsOf(WizardStep step) => step switch
    {
        WizardStep.Bucket => [Region, BucketName, KeyArn, KeyPrefix],
        WizardStep.IamPolicy => [IamUserName, PolicyArn],
        WizardStep.IcaConfiguration => [ConfigurationName],
        WizardStep.CrossAccount => [CrossAccountRoleArn],
        _ => [],
    };

    /// <summary>True when every field of the step is usable.</summary>
    public bool IsStepValid(WizardStep step) => FieldsOf(step).All(f => f.IsValid);

    /// <summary>True when every step is valid, so the documents hold real values only.</summary>
    public bool IsComplete => Enum.GetValues<WizardStep>().All(IsStepValid);
}
