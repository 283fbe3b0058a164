namespace IcaKms.Core.Aws;

/// <summary>Who an AWS session belongs to (STS GetCallerIdentity).</summary>
/// <param name="Account">The 12-digit account id.</param>
/// <param name="Arn">The principal ARN (user, assumed role, federated user).</param>
/// <param name="UserId">The unique id of the principal.</param>
public sealed record CallerIdentity(string Account, string Arn, string UserId);
