namespace IcaKms.Core.Aws;

/// <summary>A managed policy attached to a user (IAM ListAttachedUserPolicies).</summary>
public sealed record AttachedPolicy(string PolicyName, string PolicyArn);

/// <summary>The default version of a managed policy, with its document decoded to JSON text.</summary>
public sealed record ManagedPolicyVersion(string PolicyArn, string VersionId, string Document);

/// <summary>An inline policy of a user or group (IAM GetUserPolicy, GetGroupPolicy), its document decoded to JSON text.</summary>
public sealed record InlinePolicy(string PolicyName, string Document);
