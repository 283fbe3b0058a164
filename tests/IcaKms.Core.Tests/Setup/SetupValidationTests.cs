using IcaKms.Core.Planning;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Tests.Setup;

public class SetupValidationTests
{
    private static readonly SetupInputs Valid = new()
    {
        BucketName = "lab-ica-data",
        KeyArn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        ConfigurationName = "lab-kms",
    };

    [Fact]
    public void IsComplete_True_ForValidInputs() => Assert.True(SetupValidation.Of(Valid).IsComplete);

    [Fact]
    public void IsStepValid_BucketFalse_WhenKeyInOtherRegion()
    {
        SetupValidation validation = SetupValidation.Of(Valid with { AwsRegion = "eu-central-1" });

        Assert.False(validation.IsStepValid(WizardStep.Bucket));
        Assert.Contains("eu-central-1", validation.KeyArn.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void IsStepValid_IcaConfigurationFalse_WhenNameMissing() =>
        Assert.False(SetupValidation.Of(Valid with { ConfigurationName = "" }).IsStepValid(WizardStep.IcaConfiguration));

    [Fact]
    public void IsStepValid_CrossAccountTrue_WhenNotChosenEvenIfRoleInvalid() =>
        Assert.True(SetupValidation.Of(Valid with { CrossAccountRoleArn = "garbage" }).IsStepValid(WizardStep.CrossAccount));

    [Fact]
    public void IsStepValid_CrossAccountFalse_WhenChosenWithInvalidRole() =>
        Assert.False(SetupValidation.Of(Valid with { CrossAccountCopy = true, CrossAccountRoleArn = "garbage" }).IsStepValid(WizardStep.CrossAccount));
}
