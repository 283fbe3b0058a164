using IcaKms.Core.Planning;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Tests.Setup;

public class SetupNamesTests
{
    [Fact]
    public void PolicyName_IsIcaSseKmsBucket()
    {
        Assert.Equal("ica-sse-kms-acme-genomics-ica", SetupNames.PolicyName(Samples.Bucket));
        Assert.True(SetupNames.IsValidPolicyName(SetupNames.PolicyName(new string('a', 63))));
    }

    [Fact]
    public void PolicyName_IsCutToIamsLimit()
    {
        string name = SetupNames.PolicyName(new string('b', 200));

        Assert.Equal(SetupNames.MaxPolicyNameLength, name.Length);
        Assert.StartsWith("ica-sse-kms-bbb", name, StringComparison.Ordinal);
        Assert.True(SetupNames.IsValidPolicyName(name));
    }

    [Fact]
    public void UserName_IsCutToIamsLimit_ForTheLongestBucket()
    {
        string name = SetupNames.UserName(new string('c', 63));

        Assert.Equal(SetupNames.MaxUserNameLength, name.Length);
        Assert.True(SetupNames.IsValidUserName(name));
    }

    [Fact]
    public void AliasName_ReplacesDots_AndIsValid()
    {
        string alias = SetupNames.AliasName("acme.genomics.ica");

        Assert.Equal("alias/ica-acme-genomics-ica", alias);
        Assert.True(SetupNames.IsValidAliasName(alias));
    }

    [Fact]
    public void AliasName_IsCutToKmsLimit()
    {
        string alias = SetupNames.AliasName(new string('d', 300));

        Assert.Equal(SetupNames.MaxAliasNameLength, alias.Length);
        Assert.True(SetupNames.IsValidAliasName(alias));
    }

    [Theory]
    [InlineData("alias/aws/s3")]
    [InlineData("alias/")]
    [InlineData("ica-acme")]
    [InlineData("alias/ica.acme")]
    [InlineData("alias/ica acme")]
    public void IsValidAliasName_RefusesWhatKmsRefuses(string alias)
    {
        Assert.False(SetupNames.IsValidAliasName(alias));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("é-policy")]
    public void IsValidPolicyName_RefusesWhatIamRefuses(string name)
    {
        Assert.False(SetupNames.IsValidPolicyName(name));
    }
}
