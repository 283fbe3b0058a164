using IcaKms.Core.Policies;
using IcaKms.Core.Tests.Spec;

namespace IcaKms.Core.Tests.Policies;

public class IcaIamPolicyTests
{
    [Fact]
    public void Create_EqualsSpecText_UnversionedWithPlaceholders()
    {
        PolicyDocument policy = IcaIamPolicy.Create(IcaIamPolicy.BucketPlaceholder, IcaIamPolicy.KeyPlaceholder, PolicyVariant.Unversioned);

        Assert.Equal(SpecDocuments.UnversionedPolicy, PolicyJson.Serialize(policy));
    }

    [Fact]
    public void Create_EqualsSpecText_VersionedWithPlaceholders()
    {
        PolicyDocument policy = IcaIamPolicy.Create(IcaIamPolicy.BucketPlaceholder, IcaIamPolicy.KeyPlaceholder, PolicyVariant.Versioned);

        Assert.Equal(SpecDocuments.VersionedPolicy, PolicyJson.Serialize(policy));
    }

    [Fact]
    public void Create_FillsBucketAndKey_WhereSpecHasPlaceholders()
    {
        const string key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

        string json = PolicyJson.Serialize(IcaIamPolicy.Create("my-ica-bucket", key, PolicyVariant.Unversioned));

        string expected = SpecDocuments.UnversionedPolicy
            .Replace(IcaIamPolicy.KeyPlaceholder, key, StringComparison.Ordinal)
            .Replace(IcaIamPolicy.BucketPlaceholder, "my-ica-bucket", StringComparison.Ordinal);
        Assert.Equal(expected, json);
    }

    [Fact]
    public void Create_ScopesObjectStatementToPrefix_WhenPrefixGiven()
    {
        PolicyDocument policy = IcaIamPolicy.Create("b", "arn:aws:kms:xxx", PolicyVariant.Versioned, "runs/2026/");

        Assert.Equal(PolicyValues.One("arn:aws:s3:::b/runs/2026/*"), policy.Statement[1].Resource);
        Assert.Equal(PolicyValues.Many("arn:aws:kms:xxx", "arn:aws:s3:::b"), policy.Statement[0].Resource);
    }

    [Theory]
    [InlineData(null, PolicyVariant.Unversioned)]
    [InlineData("", PolicyVariant.Unversioned)]
    [InlineData("Off", PolicyVariant.Unversioned)]
    [InlineData("Enabled", PolicyVariant.Versioned)]
    [InlineData("Suspended", PolicyVariant.Versioned)]
    public void VariantFor_PicksSpecVariant_FromVersioningStatus(string? status, PolicyVariant expected) =>
        Assert.Equal(expected, IcaIamPolicy.VariantFor(status));
}
