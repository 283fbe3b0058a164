using IcaKms.Core.Aws;

namespace IcaKms.Core.Planning.Rotation;

/// <summary>One access key of the ICA IAM user, as a rotation is planned from it (never its secret).</summary>
/// <param name="AccessKeyId">The access key id.</param>
/// <param name="Status">Active or inactive.</param>
/// <param name="Created">When IAM created it.</param>
/// <param name="LastUsed">When it last signed a request (<c>iam:GetAccessKeyLastUsed</c>), or null when never.</param>
public sealed record AccessKeyUse(string AccessKeyId, AccessKeyStatus Status, DateTimeOffset Created, DateTimeOffset? LastUsed);
