using IcaKms.Core.Checks;
using IcaKms.Core.Ica;

namespace IcaKms.Core.Tests.Ica;

public class ValidationErrorExplanationTests
{
    private const string User = "ica-storage";

    private static ValidationErrorExplanation Of(string message) => ValidationErrorExplanation.Of(message, Samples.Configuration(), User);

    [Theory]
    [InlineData("The specified bucket does not exist (Service: Amazon S3; Status Code: 404; Error Code: NoSuchBucket)", LiveCheckIds.BucketRegion)]
    [InlineData("User: arn:aws:iam::123456789012:user/ica-storage is not authorized to perform: kms:GenerateDataKey on resource: " + Samples.KeyArn, LiveCheckIds.IamPolicy)]
    [InlineData("arn:aws:kms:ap-southeast-2:1:key/x is disabled. (Service: AWSKMS; Error Code: DisabledException)", LiveCheckIds.KeyState)]
    [InlineData("Access Denied (Service: Amazon S3; Status Code: 403; Error Code: AccessDenied)", LiveCheckIds.IamPolicy)]
    [InlineData("Invalid keyId (Service: AWSKMS; Error Code: NotFoundException)", LiveCheckIds.KeyResolves)]
    [InlineData("The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-west-2'", LiveCheckIds.BucketRegion)]
    [InlineData("Validation failed: keyPrefix must end with '/'", LiveCheckIds.PrefixFolder)]
    public void Of_AStructuredMessage_NamesTheCheckOfWhatItSays(string message, string check)
    {
        ValidationErrorExplanation explanation = Of(message);

        Assert.True(explanation.IsKnown, explanation.Hint);
        Assert.Equal(check, explanation.CheckIds[0]);
    }

    [Fact]
    public void Of_AnAccessDeniedOnAKmsAction_NamesTheActionAndTheKey()
    {
        ValidationErrorExplanation explanation = Of("User: arn:aws:iam::123456789012:user/ica-storage is not authorized to perform: kms:GenerateDataKey on resource: " + Samples.KeyArn + ".");

        Assert.Equal([LiveCheckIds.IamPolicy, LiveCheckIds.KeyPolicyIam], explanation.CheckIds);
        Assert.StartsWith("AWS denied kms:GenerateDataKey on the KMS key", explanation.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_AnotherKeyQuoted_ComparesItWithTheWizardsKey()
    {
        string other = Samples.KeyArn.Replace("1234abcd", "9999ffff", StringComparison.Ordinal);

        ValidationErrorExplanation explanation = Of($"User: arn:aws:iam::123456789012:user/ica-storage is not authorized to perform: kms:Decrypt on resource: {other}");

        Assert.Equal(LiveCheckIds.BucketEncryption, explanation.CheckIds[0]);
        Assert.Contains($"names the KMS key {other}, not the wizard's {Samples.KeyArn}", explanation.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_AKeyOfAnotherRegionQuoted_PointsAtTheRegion()
    {
        ValidationErrorExplanation explanation = Of("Access Denied for arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab (AccessDeniedException)");

        Assert.Equal(LiveCheckIds.KeyRegion, explanation.CheckIds[0]);
        Assert.Contains("in us-east-1, not the wizard's key in ap-southeast-2", explanation.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_TheWizardsMultiRegionKeyRefusedWithoutACode_IsAboutTheKey_NotTheRegion()
    {
        const string mrk = "arn:aws:kms:ap-southeast-2:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab";
        IcaStorageConfiguration wanted = Samples.Configuration() with { KeyArn = mrk };

        ValidationErrorExplanation explanation = ValidationErrorExplanation.Of($"The multi-Region key {mrk} could not be used in this region", wanted, User);

        Assert.False(explanation.IsKnown);
        Assert.DoesNotContain(LiveCheckIds.KeyRegion, explanation.CheckIds);
        Assert.DoesNotContain(LiveCheckIds.BucketRegion, explanation.CheckIds);
        Assert.Contains("the cause is unknown", explanation.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_AnotherIamUserQuoted_SaysTheCredentialIsThatUsersKey()
    {
        ValidationErrorExplanation explanation = Of("User: arn:aws:iam::123456789012:user/someone-else is not authorized to perform: s3:ListBucket on resource: arn:aws:s3:::acme-genomics-ica");

        Assert.Equal([LiveCheckIds.IamPolicy], explanation.CheckIds);
        Assert.Contains("names the IAM user someone-else, not the wizard's ica-storage", explanation.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_AnotherBucketQuoted_SaysTheBucketNameDiffers()
    {
        ValidationErrorExplanation explanation = Of("Access Denied on arn:aws:s3:::acme-other/runs/");

        Assert.Contains("names the bucket acme-other, not the wizard's acme-genomics-ica", explanation.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_AnUnknownAccessKey_PointsAtTheCredential()
    {
        ValidationErrorExplanation explanation = Of("The AWS Access Key Id you provided does not exist in our records.");

        Assert.Empty(explanation.CheckIds);
        Assert.Contains("storage credential (InvalidAccessKeyId)", explanation.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("something else entirely")]
    [InlineData("Storage could not be validated: the region is not reachable")]
    [InlineData("encryption problem with the prefix folder")]
    [InlineData(null)]
    public void Of_AMessageWithNothingToRead_SaysUnknown_RatherThanGuess(string? message)
    {
        ValidationErrorExplanation explanation = ValidationErrorExplanation.Of(message, Samples.Configuration(), User);

        Assert.False(explanation.IsKnown);
        Assert.Empty(explanation.CheckIds);
        Assert.StartsWith("Unknown:", explanation.Hint, StringComparison.Ordinal);
    }
}
