using IcaKms.Core;
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
        Versioning = Result<string?, AwsFailure>.Ok("Suspended"),
        PrefixExists = Result<bool, AwsFailure>.Ok(false),
        Encryption = Result<BucketEncryption?, AwsFailure>.Ok(SampleAccount.Encryption with { BlockedEncryptionTypes = [] }),
        KeyPolicy = Result<string, AwsFailure>.Ok($$"""{"Version":"2012-10-17","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"{{SampleAccount.RootArn}}"},"Action":"kms:*","Resource":"*"}]}"""),
        UnknownKey = _ => Result<KmsKeyDescription, AwsFailure>.Ok(SampleAccount.Key),
        CallerIdentity = Result<CallerIdentity, AwsFailure>.Ok(new CallerIdentity(SampleAccount.Account, $"arn:aws:iam::{SampleAccount.Account}:user/admin", "AIDAEXAMPLE")),
    };
}
