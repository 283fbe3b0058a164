namespace IcaKms.Core.Planning;

/// <summary>
/// Where a change lands, as a Terraform address: the resource type and its name (<c>aws_s3_bucket.lab-data</c>,
/// <c>aws_kms_key.alias/ica-lab-data</c>). Two changes about the same resource have equal addresses; a change that
/// names a resource an earlier change of the same plan creates says so with <see cref="AwsChange.Needs"/>.
/// </summary>
/// <param name="Type">The resource type (<c>aws_s3_bucket</c>, <c>aws_iam_user</c>…).</param>
/// <param name="Name">The resource's own name or ARN.</param>
public sealed record ResourceAddress(string Type, string Name)
{
    /// <summary>The key with this alias.</summary>
    public static ResourceAddress Key(string alias) => new("aws_kms_key", alias);

    /// <summary>The bucket.</summary>
    public static ResourceAddress Bucket(string bucket) => new("aws_s3_bucket", bucket);

    /// <summary>The IAM user.</summary>
    public static ResourceAddress User(string userName) => new("aws_iam_user", userName);

    /// <summary>The managed policy.</summary>
    public static ResourceAddress Policy(string policyArn) => new("aws_iam_policy", policyArn);

    /// <inheritdoc />
    public override string ToString() => $"{Type}.{Name}";
}
