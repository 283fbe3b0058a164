using IcaKms.Core.Policies;
using IcaKms.Core.Validation;

namespace IcaKms.Core.Tests.Validation;

public class ArnPartsTests
{
    [Theory]
    [InlineData("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")]
    [InlineData("arn:aws:s3:::bucket/with:colon/*")]
    [InlineData("arn:aws-cn:iam::123456789012:root")]
    public void Parse_ThenToString_GivesTheArnBack(string arn)
    {
        Assert.Equal(arn, ArnParts.Parse(arn)!.ToString());
    }

    [Theory]
    [InlineData("arn:aws:kms:xxx")]
    [InlineData("not-an-arn")]
    [InlineData("ARN:aws:s3:::bucket")]
    public void Parse_ReturnsNull_WhenNotSixParts(string text)
    {
        Assert.Null(ArnParts.Parse(text));
    }

    [Fact]
    public void ParseLeading_ReadsTruncatedPattern()
    {
        ArnParts? parts = ArnParts.ParseLeading("arn:aws:kms:xxx", out bool complete);

        Assert.False(complete);
        Assert.Equal(new ArnParts("aws", "kms", "xxx", "", ""), parts);
    }

    [Theory]
    [InlineData("aws")]
    [InlineData("aws-cn")]
    public void Builders_UseTheGivenPartition(string partition)
    {
        Assert.Equal($"arn:{partition}:s3:::b", ArnParts.Bucket(partition, "b"));
        Assert.Equal($"arn:{partition}:s3:::b/*", ArnParts.Objects(partition, "b"));
        Assert.Equal($"arn:{partition}:s3:::b/runs/*", ArnParts.Objects(partition, "b", "runs/"));
        Assert.Equal($"arn:{partition}:kms:us-east-1:123456789012:key/k", ArnParts.Key(partition, "us-east-1", "123456789012", "k"));
        Assert.Equal($"arn:{partition}:iam::123456789012:root", ArnParts.AccountRoot(partition, "123456789012"));
        Assert.Equal($"arn:{partition}:iam::123456789012:user/ica", ArnParts.IamUser(partition, "123456789012", "ica"));
        Assert.Equal($"arn:{partition}:iam::079623148045:role/r", ArnParts.IamRole(partition, "079623148045", "r"));
    }

    [Fact]
    public void IcaIamPolicy_BuildsItsArnsInTheCommercialPartition()
    {
        Assert.Equal("arn:aws:s3:::b", IcaIamPolicy.BucketArn("b"));
        Assert.Equal("arn:aws:s3:::b/p/*", IcaIamPolicy.ObjectArn("b", "p/"));
    }
}
