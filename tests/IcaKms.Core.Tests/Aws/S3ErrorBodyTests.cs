using IcaKms.Core.Adapters.Aws;

namespace IcaKms.Core.Tests.Aws;

public sealed class S3ErrorBodyTests
{
    [Fact]
    public void Code_ReadsTheErrorCode_FromAnS3ErrorBody()
    {
        const string body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchBucketPolicy</Code><Message>The bucket policy does not exist</Message>" +
            "<BucketName>acme-runs</BucketName><RequestId>7a62c49f</RequestId></Error>";

        Assert.Equal("NoSuchBucketPolicy", S3ErrorBody.Code(body));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{\"Version\":\"2012-10-17\",\"Statement\":[]}")]
    public void Code_IsNull_WhenTheBodyHoldsNoErrorCode(string? body)
    {
        Assert.Null(S3ErrorBody.Code(body));
    }
}
