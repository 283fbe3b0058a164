using IcaKms.Core.Checks;
using IcaKms.Core.Ica;

namespace IcaKms.Core.Tests.Ica;

public class ValidationErrorExplanationTests
{
    [Theory]
    [InlineData("The specified bucket does not exist (Service: Amazon S3; Status Code: 404; Error Code: NoSuchBucket)", LiveCheckIds.BucketRegion)]
    [InlineData("User: arn:aws:iam::1:user/ica is not authorized to perform: kms:GenerateDataKey", LiveCheckIds.IamPolicy)]
    [InlineData("arn:aws:kms:us-east-1:1:key/x is disabled. (Service: AWSKMS; Error Code: DisabledException)", LiveCheckIds.KeyState)]
    [InlineData("Access Denied (Service: Amazon S3; Status Code: 403)", LiveCheckIds.IamPolicy)]
    [InlineData("something else entirely", LiveCheckIds.IamPolicy)]
    public void Of_PointsAtTheLikeliestCheck(string message, string check)
    {
        Assert.Equal(check, ValidationErrorExplanation.Of(message).CheckIds[0]);
    }

    [Fact]
    public void Of_AnUnknownAccessKey_PointsAtTheCredential()
    {
        ValidationErrorExplanation explanation = ValidationErrorExplanation.Of("The AWS Access Key Id you provided does not exist in our records. (InvalidAccessKeyId)");

        Assert.Empty(explanation.CheckIds);
        Assert.Contains("storage credential", explanation.Hint, StringComparison.Ordinal);
    }
}
