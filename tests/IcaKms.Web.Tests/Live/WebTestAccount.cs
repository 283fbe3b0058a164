using IcaKms.Core.Aws;
using IcaKms.TestKit;

namespace IcaKms.Web.Tests.Live;

/// <summary>
/// The AWS account the component tests connect to: the test kit's sample account with versioning suspended, no
/// folder under the prefix yet (so a bucket plan has one change), the key with KMS's default policy only, and
/// DescribeKey answering the sample key for any key asked.
/// </summary>
internal static class WebTestAccount
{
    public static InMemoryAws NewAws() => new()
    {
        Versioning = AwsResult<string?>.Ok("Suspended"),
        PrefixExists = AwsResult<bool>.Ok(false),
        Encryption = AwsResult<BucketEncryption?>.Ok(SampleAccount.Encryption with { BlockedEncryptionTypes = [] }),
        KeyPolicy = AwsResult<string>.Ok($$"""{"Version":"2012-10-17","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"{{SampleAccount.RootArn}}"},"Action":"kms:*","Resource":"*"}]}"""),
        UnknownKey = _ => AwsResult<KmsKeyDescription>.Ok(SampleAccount.Key),
        CallerIdentity = AwsResult<CallerIdentity>.Ok(new CallerIdentity(SampleAccount.Account, $"arn:aws:iam::{SampleAccount.Account}:user/admin", "AIDAEXAMPLE")),
    };
}
