using IcaKms.Core.Ica;

namespace IcaKms.Core.Tests.Ica;

public class IcaStorageConfigurationTests
{
    [Fact]
    public void FormFields_FollowIcaFormOrder_Always()
    {
        IEnumerable<string> labels = Samples.Configuration().FormFields().Select(f => f.Label);

        Assert.Equal(
            ["Type", "Region", "Configuration name", "Description", "Bucket name", "Key prefix", "Credential", "Algorithm", "Key Name"],
            labels);
    }

    [Fact]
    public void FormFields_CarryConfigurationValues_InFormOrder()
    {
        IEnumerable<string> values = Samples.Configuration().FormFields().Select(f => f.Value);

        Assert.Equal(
            [
                "AWS_S3", "Australia (ap-southeast-2)", "acme-runs", "Sequencing runs", Samples.Bucket, "runs/",
                IcaStorageConfiguration.CredentialInstruction, "aws:kms", Samples.KeyArn,
            ],
            values);
    }

    [Fact]
    public void FormFields_RegionHintNamesAwsRegion_Always()
    {
        StorageConfigurationField region = Field(Samples.Configuration(), "Region");

        Assert.Contains("ap-southeast-2", region.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void FormFields_KeyPrefixHintWarnsOfBucketRoot_WhenPrefixEmpty()
    {
        StorageConfigurationField prefix = Field(Samples.Configuration(keyPrefix: ""), "Key prefix");

        Assert.Equal("", prefix.Value);
        Assert.StartsWith("Empty = the bucket root", prefix.Hint, StringComparison.Ordinal);
        Assert.Contains("blocks it for other ICA projects", prefix.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void FormFields_KeyPrefixHintHasNoRootWarning_WhenPrefixSet()
    {
        StorageConfigurationField prefix = Field(Samples.Configuration(), "Key prefix");

        Assert.DoesNotContain("bucket root", prefix.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void FormFields_CredentialIsInstructionAboutIamUser_NeverASecret()
    {
        StorageConfigurationField credential = Field(Samples.Configuration(), "Credential");

        Assert.Contains("IAM user that holds the IAM policy", credential.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", credential.Value, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Algorithm")]
    [InlineData("Key Name")]
    public void FormFields_EncryptionHintsNameOptionalSection_ForAlgorithmAndKeyName(string label)
    {
        StorageConfigurationField field = Field(Samples.Configuration(), label);

        Assert.Contains("[Optional] Server Side Encryption", field.Hint, StringComparison.Ordinal);
    }

    private static StorageConfigurationField Field(IcaStorageConfiguration configuration, string label) =>
        Assert.Single(configuration.FormFields(), f => f.Label == label);
}
