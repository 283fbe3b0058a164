using IcaKms.Core.Aws;
using IcaKms.Core.Adapters.Aws;

namespace IcaKms.Core.Tests.Aws;

public class CredentialRedactionTests
{
    [Theory]
    [InlineData("Authorization=AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261130/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=abc123", "AKIDEXAMPLE", "Authorization=[redacted]")]
    [InlineData("in Authorization header: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261130/us-east-1/sts/aws4_request'", "AKIDEXAMPLE", "in Authorization header: 'AWS4-HMAC-SHA256 Credential=[redacted]'")]
    [InlineData("key AKIAIOSFODNN7EXAMPLE is not valid", "AKIAIOSFODNN7EXAMPLE", "key [redacted] is not valid")]
    [InlineData("temporary key ASIAXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX expired", "ASIAXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "temporary key [redacted] expired")]
    [InlineData("Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef was provided", "0123456789abcdef", "Signature=[redacted] was provided")]
    [InlineData("x-amz-security-token:FQoGZXIvYXdzEXAMPLE\nhost:s3", "FQoGZXIvYXdzEXAMPLE", "x-amz-security-token:[redacted]\nhost:s3")]
    [InlineData("?X-Amz-Security-Token=FQoGZXIvYXdzEXAMPLE&X-Amz-Credential=AKIDEXAMPLE%2F20261130&X-Amz-Signature=beef", "FQoGZXIvYXdzEXAMPLE", "?X-Amz-Security-Token=[redacted]&X-Amz-Credential=[redacted]&X-Amz-Signature=[redacted]")]
    [InlineData("<AWSAccessKeyId>AKIDEXAMPLE</AWSAccessKeyId><SignatureProvided>beef</SignatureProvided>", "AKIDEXAMPLE", "<AWSAccessKeyId>[redacted]</AWSAccessKeyId><SignatureProvided>[redacted]</SignatureProvided>")]
    [InlineData("<CanonicalRequestBytes>47 45 54 0a 2f 0a 0a 68 6f 73 74 3a 73 33 0a 78 2d 61 6d 7a</CanonicalRequestBytes>", "47 45 54", "<CanonicalRequestBytes>[redacted]</CanonicalRequestBytes>")]
    [InlineData("token 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDexample0123456789ABCDEFabcdef' is invalid", "IQoJb3JpZ2luX2VjEJr", "token '[redacted]' is invalid")]
    public void Redact_MasksEachKindOfCredentialMaterial(string text, string secret, string expected)
    {
        string redacted = CredentialRedaction.Redact(text);

        Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        Assert.Equal(expected, redacted);
    }

    [Theory]
    [InlineData("The bucket lab-data does not exist in eu-west-2.")]
    [InlineData("Key 'arn:aws:kms:eu-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' does not exist")]
    [InlineData("User: arn:aws:sts::111122223333:assumed-role/Admin/alice is not authorized to perform: kms:DescribeKey")]
    [InlineData("SignedHeaders=host;x-amz-date;x-amz-security-token")]
    [InlineData("Authorization header requires 'Signature' parameter.")]
    public void Redact_KeepsWhatHoldsNoCredential(string text)
    {
        Assert.Equal(text, CredentialRedaction.Redact(text));
    }

    [Fact]
    public void Redact_GivesEmpty_ForNull()
    {
        Assert.Equal("", CredentialRedaction.Redact(null));
    }
}
