using IcaKms.Core.Policies;

namespace IcaKms.Core.Tests.Policies;

public class IamGlobTests
{
    [Theory]
    [InlineData("*", "kms:Decrypt", true)]
    [InlineData("s3:*", "s3:GetObject", true)]
    [InlineData("s3:Get*", "s3:GetObjectVersion", true)]
    [InlineData("s3:Get*", "s3:PutObject", false)]
    [InlineData("S3:GETOBJECT", "s3:GetObject", true)]
    [InlineData("s3:GetObjec?", "s3:GetObject", true)]
    [InlineData("s3:GetObjec?", "s3:GetObjectVersion", false)]
    [InlineData("s3:*Object*", "s3:RestoreObject", true)]
    [InlineData("s3:*Object", "s3:GetObjectVersion", false)]
    [InlineData("kms:GenerateDataKey*", "kms:GenerateDataKey", true)]
    [InlineData("s3:GetObject", "s3:GetObjectVersion", false)]
    [InlineData("", "s3:GetObject", false)]
    [InlineData("**", "", true)]
    public void Matches_FollowsIamWildcards_Actions(string pattern, string value, bool expected) =>
        Assert.Equal(expected, IamGlob.Matches(pattern, value, ignoreCase: true));

    [Theory]
    [InlineData("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b", true)]
    [InlineData("arn:aws:s3:::Bucket/*", "arn:aws:s3:::bucket/a", false)]
    [InlineData("arn:aws:s3:::*", "arn:aws:s3:::bucket", true)]
    public void Matches_IsCaseSensitive_Arns(string pattern, string value, bool expected) =>
        Assert.Equal(expected, IamGlob.Matches(pattern, value, ignoreCase: false));

    [Fact]
    public void Matches_StaysFast_PathologicalPattern()
    {
        string pattern = string.Concat(Enumerable.Repeat("*a", 5_000)) + "b";
        string value = new('a', 5_000);

        Assert.False(IamGlob.Matches(pattern, value, ignoreCase: true));
    }
}
