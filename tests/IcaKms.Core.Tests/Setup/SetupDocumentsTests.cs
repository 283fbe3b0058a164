using IcaKms.Core.Policies;
using IcaKms.Core.Planning;
using IcaKms.Core.Documents;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Tests.Setup;

public class SetupDocumentsTests
{
    private static SetupDocuments Documents(SetupInputs inputs) => SetupDocuments.Create(inputs, SetupValidation.Of(inputs));

    private static SetupInputs Valid => new()
    {
        AwsRegion = "ap-southeast-2",
        BucketName = Samples.Bucket,
        KeyArn = Samples.KeyArn,
        KeyPrefix = "runs",
        ConfigurationName = "acme-runs",
    };

    [Fact]
    public void Create_UsesSpecPlaceholders_WhenInputsEmpty()
    {
        SetupDocuments documents = Documents(new SetupInputs());

        Assert.Equal(PolicyJson.Serialize(IcaIamPolicy.Create("BUCKET_NAME", "arn:aws:kms:xxx", PolicyVariant.Unversioned)), documents.IamPolicy);
        Assert.Equal("icakms-setup.zip", documents.BundleFileName);
    }

    [Fact]
    public void Create_UsesPlaceholder_ForInvalidKeyOnly()
    {
        SetupDocuments documents = Documents(Valid with { KeyArn = "alias/aws/s3" });

        Assert.Contains("arn:aws:kms:xxx", documents.IamPolicy, StringComparison.Ordinal);
        Assert.Contains("arn:aws:s3:::acme-genomics-ica", documents.IamPolicy, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("aws-cn")]
    [InlineData("aws-us-gov")]
    public void Create_KeepsNonCommercialKeyAndRoleOutOfDocuments(string partition)
    {
        string key = Samples.KeyArn.Replace("arn:aws:", $"arn:{partition}:", StringComparison.Ordinal);
        string role = $"arn:{partition}:iam::079623148045:role/ica_aps2_crossacct";
        SetupInputs inputs = Valid with { KeyArn = key, CrossAccountCopy = true, CrossAccountRoleArn = role };

        SetupDocuments documents = Documents(inputs);

        Assert.False(SetupValidation.Of(inputs).KeyArn.IsValid);
        Assert.False(SetupValidation.Of(inputs).CrossAccountRoleArn.IsValid);
        Assert.DoesNotContain(partition, documents.IamPolicy, StringComparison.Ordinal);
        Assert.Contains("arn:aws:kms:xxx", documents.IamPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain(partition, documents.KeyPolicyStatement, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NormalizesPrefix_InStorageConfiguration()
    {
        SetupDocuments documents = Documents(Valid);

        Assert.Equal("runs/", documents.StorageConfiguration.KeyPrefix);
        Assert.Contains("\"keyPrefix\": \"runs/\"", documents.StorageConfigurationJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ScopesObjects_WhenOptionOn()
    {
        SetupDocuments documents = Documents(Valid with { ScopeObjectsToPrefix = true });

        Assert.Contains("arn:aws:s3:::acme-genomics-ica/runs/*", documents.IamPolicy, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_SummaryPasses_ForValidInputs()
    {
        SetupDocuments documents = Documents(Valid with { Variant = PolicyVariant.Versioned });

        Assert.Equal(CheckState.Pass, documents.IamPolicySummary.Verdict);
        Assert.Equal(["KMS", "S3", "STS"], documents.IamPolicySummary.Services.Select(s => s.Name));
    }

    [Fact]
    public void Create_UsesRolePlaceholder_WhenCrossAccountRoleInvalid()
    {
        SetupDocuments documents = Documents(Valid with { CrossAccountCopy = true, CrossAccountRoleArn = "not-an-arn" });

        Assert.Contains("ASSUME_ROLE_ARN", documents.KeyPolicyStatement, StringComparison.Ordinal);
    }
}
