namespace IcaKms.Core.Aws;

/// <summary>One access key of an IAM user as <c>iam:ListAccessKeys</c> describes it: never its secret.</summary>
/// <param name="AccessKeyId">The access key id.</param>
/// <param name="Status">Active or inactive.</param>
/// <param name="Created">When IAM created it.</param>
public sealed record AccessKeyMetadata(string AccessKeyId, AccessKeyStatus Status, DateTimeOffset Created);
