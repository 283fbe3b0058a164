namespace IcaKms.Core;

/// <summary>An ICA region and the AWS region its storage must live in.</summary>
/// <param name="Name">The name ICA shows (e.g. "United States").</param>
/// <param name="AwsRegion">The AWS region code (e.g. <c>us-east-1</c>).</param>
/// <param name="CrossAccountRoleArn">ICA's confirmed cross-account copy role in this region, if known.</param>
public sealed record IcaRegion(string Name, string AwsRegion, string? CrossAccountRoleArn = null)
{
    /// <summary>How the region appears in a picker: "United States (us-east-1)".</summary>
    public string DisplayName => $"{Name} ({AwsRegion})";
}
