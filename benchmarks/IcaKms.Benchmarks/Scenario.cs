using IcaKms.Core.Checks;
using IcaKms.Core.Policies;
using IcaKms.Core.Setup;

namespace IcaKms.Benchmarks;

/// <summary>
/// The setup inspected: a healthy bucket whose default encryption names the key by alias (so the dependent DescribeKey
/// runs), and an IAM user with several attached policies (so the user → policies → versions chain runs).
/// </summary>
internal static class Scenario
{
    public const string Account = "123456789012";
    public const string Region = "us-east-1";
    public const string Bucket = "bench-ica-data";
    public const string KeyId = "1234abcd-12ab-34cd-56ef-1234567890ab";
    public const string KeyArn = $"arn:aws:kms:{Region}:{Account}:key/{KeyId}";
    public const string KeyAlias = "alias/bench-ica";
    public const string User = "ica-bench";
    public const string RoleArn = "arn:aws:iam::079623148045:role/ica_use1_crossacct";

    public static SetupInputs Inputs { get; } = new()
    {
        AwsRegion = Region,
        BucketName = Bucket,
        KeyArn = KeyArn,
        KeyPrefix = "ica/",
        ConfigurationName = "bench",
        Variant = PolicyVariant.Unversioned,
        CrossAccountCopy = true,
        CrossAccountRoleArn = RoleArn,
    };

    public static InspectionRequest Request { get; } = InspectionRequest.Create(Inputs with { IamUserName = User });

    public static string PolicyArn(int index) => $"arn:aws:iam::{Account}:policy/bench-{index}";

    /// <summary>The first attached policy is the spec's; the others grant something unrelated.</summary>
    public static string PolicyDocument(int index) => index == 0
        ? PolicyJson.Serialize(IcaIamPolicy.Create(Bucket, KeyArn, PolicyVariant.Unversioned))
        : $$"""{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "logs:PutLogEvents", "Resource": "arn:aws:logs:{{Region}}:{{Account}}:log-group:bench-{{index}}:*"}]}""";

    public static string KeyPolicy { get; } = $$"""
        {"Version": "2012-10-17", "Statement": [
          {"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::{{Account}}:root"}, "Action": "kms:*", "Resource": "*"},
          {"Sid": "Allow cross account access", "Effect": "Allow", "Principal": {"AWS": "{{RoleArn}}"},
           "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], "Resource": "*"}]}
        """;
}
