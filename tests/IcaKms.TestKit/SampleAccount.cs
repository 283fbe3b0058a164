using IcaKms.Core.Aws;
using IcaKms.Core.Policies;

namespace IcaKms.TestKit;

/// <summary>
/// The account a new <see cref="InMemoryAws"/> holds: one bucket, one customer managed key with an alias, one IAM
/// user with the spec's policy attached. The same names as Core.Tests' <c>Live</c> builders and the Web tests' inputs.
/// </summary>
public static class SampleAccount
{
    public const string Account = "123456789012";
    public const string Region = "us-east-1";
    public const string Bucket = "lab-ica-data";
    public const string KeyId = "1234abcd-12ab-34cd-56ef-1234567890ab";
    public const string KeyArn = $"arn:aws:kms:{Region}:{Account}:key/{KeyId}";
    public const string KeyAlias = "alias/ica-data";
    public const string User = "ica-user";
    public const string UserArn = $"arn:aws:iam::{Account}:user/{User}";
    public const string RootArn = $"arn:aws:iam::{Account}:root";
    public const string PolicyArn = $"arn:aws:iam::{Account}:policy/ica-kms";
    public const string RoleArn = "arn:aws:iam::079623148045:role/ica_use1_crossacct";

    /// <summary>The key as DescribeKey answers it.</summary>
    public static KmsKeyDescription Key { get; } = new(KeyArn, KeyId, Region, Account, "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "Enabled", "CUSTOMER", false, null);

    /// <summary>The bucket's default encryption: SSE-KMS under the key, Bucket Key on, SSE-C blocked.</summary>
    public static BucketEncryption Encryption { get; } = new("aws:kms", KeyArn, true, ["SSE-C"]);

    /// <summary>KMS's default key policy statement: the account's root may do everything.</summary>
    public const string RootStatement = $$"""
        {"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": "{{RootArn}}"}, "Action": "kms:*", "Resource": "*"}
        """;

    /// <summary>The spec's statement for ICA's cross-account role.</summary>
    public const string CrossAccountStatement = $$"""
        {"Sid": "Allow cross account access", "Effect": "Allow", "Principal": {"AWS": "{{RoleArn}}"},
         "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], "Resource": "*"}
        """;

    /// <summary>A key policy holding the given statements.</summary>
    public static string KeyPolicy(params string[] statements) =>
        $$"""{"Version": "2012-10-17", "Id": "key-default-1", "Statement": [{{string.Join(",", statements)}}]}""";

    /// <summary>The spec's IAM policy for the bucket and the key (unversioned, whole bucket).</summary>
    public static string IamPolicy() => PolicyJson.Serialize(IcaIamPolicy.Create(Bucket, KeyArn, PolicyVariant.Unversioned));
}
