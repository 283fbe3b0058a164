using IcaKms.Core.Aws;
using IcaKms.Core.Checks;
using static IcaKms.Core.Tests.Checks.Live;

namespace IcaKms.Core.Tests.Checks;

public class EncryptionChecksTests
{
    private static readonly KmsKeyDescription OtherKey = Key with { KeyArn = OtherKeyArn, KeyId = "0000aaaa-12ab-34cd-56ef-1234567890ab" };

    private const string WestKeyArn = $"arn:aws:kms:us-west-2:{Account}:key/{KeyId}";

    private static readonly CheckCase[] Cases =
    [
        new("encryption: SSE-KMS with the key", LiveCheckIds.BucketEncryption, CheckState.Pass, $"SSE-KMS with your key {KeyArn}", Healthy()),
        new("encryption: none", LiveCheckIds.BucketEncryption, CheckState.Fail, "no default encryption",
            Healthy() with { Encryption = Ok<BucketEncryption?>(null), EncryptionKey = null }),
        new("encryption: AES256", LiveCheckIds.BucketEncryption, CheckState.Fail, "SSE-S3 (AES256)",
            Healthy() with { Encryption = Ok<BucketEncryption?>(new BucketEncryption("AES256", null, false, [])), EncryptionKey = null }),
        new("encryption: aws:kms without key id", LiveCheckIds.BucketEncryption, CheckState.Fail, "AWS managed key aws/s3",
            Healthy() with { Encryption = Ok<BucketEncryption?>(Encryption with { KmsMasterKeyId = null }), EncryptionKey = null }),
        new("encryption: DSSE with the key", LiveCheckIds.BucketEncryption, CheckState.Warning, "DSSE does not support Bucket Keys",
            Healthy() with { Encryption = Ok<BucketEncryption?>(Encryption with { SseAlgorithm = "aws:kms:dsse" }) }),
        new("encryption: DSSE without key id", LiveCheckIds.BucketEncryption, CheckState.Fail, "aws/s3",
            Healthy() with { Encryption = Ok<BucketEncryption?>(new BucketEncryption("aws:kms:dsse", null, false, [])), EncryptionKey = null }),
        new("encryption: another key", LiveCheckIds.BucketEncryption, CheckState.Fail, $"another key: {OtherKeyArn}",
            Healthy() with { Encryption = Ok<BucketEncryption?>(Encryption with { KmsMasterKeyId = OtherKeyArn }), EncryptionKey = Ok(OtherKey) }),
        new("encryption: alias of the key", LiveCheckIds.BucketEncryption, CheckState.Warning, $"Set the default encryption key to the full key ARN {KeyArn}",
            Healthy() with { Encryption = Ok<BucketEncryption?>(Encryption with { KmsMasterKeyId = "alias/ica" }) }),
        new("encryption: key id of the key", LiveCheckIds.BucketEncryption, CheckState.Warning, $"names your key as {KeyId}, not by its key ARN",
            Healthy() with { Encryption = Ok<BucketEncryption?>(Encryption with { KmsMasterKeyId = KeyId }) }),
        new("encryption: alias ARN of the key", LiveCheckIds.BucketEncryption, CheckState.Warning, "S3 resolves an alias or key id in the account of whoever writes",
            Healthy() with { Encryption = Ok<BucketEncryption?>(Encryption with { KmsMasterKeyId = $"arn:aws:kms:{Region}:{Account}:alias/ica" }) }),
        new("encryption: alias of the key, cross-account copy", LiveCheckIds.BucketEncryption, CheckState.Fail, $"Set the default encryption key to the full key ARN {KeyArn}",
            Healthy() with { Encryption = Ok<BucketEncryption?>(Encryption with { KmsMasterKeyId = "alias/ica" }) }, CrossAccountInputs),
        new("encryption: key ARN KMS cannot find", LiveCheckIds.BucketEncryption, CheckState.Fail, $"names the key {KeyArn}, which KMS cannot find",
            Healthy() with
            {
                Key = Failed<KmsKeyDescription>(AwsFailureKind.NotFound, "kms:DescribeKey", $"Key '{KeyArn}' does not exist"),
                EncryptionKey = Failed<KmsKeyDescription>(AwsFailureKind.NotFound, "kms:DescribeKey", $"Key '{KeyArn}' does not exist"),
            }),
        new("encryption: key ARN not describable", LiveCheckIds.BucketEncryption, CheckState.NotChecked, "Allow kms:DescribeKey",
            Healthy() with
            {
                Key = Failed<KmsKeyDescription>(AwsFailureKind.AccessDenied, "kms:DescribeKey", "AccessDenied on kms:DescribeKey."),
                EncryptionKey = Failed<KmsKeyDescription>(AwsFailureKind.AccessDenied, "kms:DescribeKey", "AccessDenied on kms:DescribeKey."),
            }),
        new("encryption: key in another region", LiveCheckIds.BucketEncryption, CheckState.Fail, "S3 cannot use a key from another region",
            Healthy() with
            {
                Encryption = Ok<BucketEncryption?>(Encryption with { KmsMasterKeyId = WestKeyArn }),
                EncryptionKey = Failed<KmsKeyDescription>(AwsFailureKind.NotFound, "kms:DescribeKey", $"Invalid arn us-west-2"),
            }),
        new("encryption: alias of another key", LiveCheckIds.BucketEncryption, CheckState.Fail, "(named as alias/old)",
            Healthy() with { Encryption = Ok<BucketEncryption?>(Encryption with { KmsMasterKeyId = "alias/old" }), EncryptionKey = Ok(OtherKey) }),
        new("encryption: key KMS cannot find", LiveCheckIds.BucketEncryption, CheckState.Fail, "which KMS cannot find",
            Healthy() with
            {
                Encryption = Ok<BucketEncryption?>(Encryption with { KmsMasterKeyId = "alias/gone" }),
                EncryptionKey = Failed<KmsKeyDescription>(AwsFailureKind.NotFound, "kms:DescribeKey", "Alias alias/gone is not found."),
            }),
        new("encryption: bucket key ARN not describable", LiveCheckIds.BucketEncryption, CheckState.Pass, "SSE-KMS with your key",
            Healthy() with { EncryptionKey = Failed<KmsKeyDescription>(AwsFailureKind.AccessDenied, "kms:DescribeKey", "AccessDenied on kms:DescribeKey.") }),
        new("encryption: alias not describable", LiveCheckIds.BucketEncryption, CheckState.NotChecked, "Allow kms:DescribeKey",
            Healthy() with
            {
                Encryption = Ok<BucketEncryption?>(Encryption with { KmsMasterKeyId = "alias/ica" }),
                EncryptionKey = Result<KmsKeyDescription, AwsFailure>.Fail(new AwsFailure(AwsFailureKind.AccessDenied, "kms:DescribeKey", "alias/ica", "AccessDenied", "AccessDenied on kms:DescribeKey for alias/ica.")),
            }),
        new("encryption: wizard key unknown", LiveCheckIds.BucketEncryption, CheckState.NotChecked, "could not be resolved",
            Healthy() with { Key = Failed<KmsKeyDescription>(AwsFailureKind.NotFound, "kms:DescribeKey", "Alias alias/ica is not found.") },
            Inputs with { KeyArn = "alias/ica" }),
        new("encryption: call denied", LiveCheckIds.BucketEncryption, CheckState.NotChecked, "Allow s3:GetEncryptionConfiguration",
            Healthy() with { Encryption = Failed<BucketEncryption?>(AwsFailureKind.AccessDenied, "s3:GetEncryptionConfiguration", "AccessDenied."), EncryptionKey = null }),
        new("bucket key: on", LiveCheckIds.BucketKey, CheckState.Pass, "Bucket Key is on", Healthy()),
        new("bucket key: off", LiveCheckIds.BucketKey, CheckState.Warning, "Turn on Bucket Key",
            Healthy() with { Encryption = Ok<BucketEncryption?>(Encryption with { BucketKeyEnabled = false }) }),
        new("bucket key: not SSE-KMS", LiveCheckIds.BucketKey, CheckState.NotChecked, "SSE-KMS only",
            Healthy() with { Encryption = Ok<BucketEncryption?>(new BucketEncryption("AES256", null, false, [])), EncryptionKey = null }),
        new("bucket key: DSSE", LiveCheckIds.BucketKey, CheckState.NotChecked, "DSSE-KMS does not support Bucket Keys",
            Healthy() with { Encryption = Ok<BucketEncryption?>(Encryption with { SseAlgorithm = "aws:kms:dsse", BucketKeyEnabled = false }) }),
    ];

    public static TheoryData<string> Names => CheckCase.NamesOf(Cases);

    [Theory]
    [MemberData(nameof(Names))]
    public void Evaluate_GivesTheVerdict_ForEachEncryptionFinding(string name) => CheckCase.Verify(Cases, name);
}
