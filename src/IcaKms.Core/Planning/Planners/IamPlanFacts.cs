using IcaKms.Core.Aws;

namespace IcaKms.Core.Planning;

/// <summary>
/// What step 2's plan needs to know besides the inspection: whether ICA's IAM user exists, and the managed policy
/// IcaKms writes (the given policy ARN, else one named after the bucket): its default document, its versions, and
/// whether the user has it attached. A read that failed is kept as its failure, so the plan can name it.
/// </summary>
/// <param name="UserName">The IAM user ICA will use.</param>
/// <param name="User">The user (NotFound when it does not exist).</param>
/// <param name="PolicyName">The managed policy's name.</param>
/// <param name="PolicyArn">The managed policy's ARN.</param>
/// <param name="DefaultVersion">The policy's default version (NotFound when the policy does not exist).</param>
/// <param name="Versions">Every version of the policy; null when the policy does not exist.</param>
/// <param name="Attached">The user's attached managed policies; null when the user does not exist.</param>
public sealed record IamPlanFacts(
    string UserName,
    Result<IamUser, AwsFailure> User,
    string PolicyName,
    string PolicyArn,
    Result<ManagedPolicyVersion, AwsFailure> DefaultVersion,
    Result<IReadOnlyList<PolicyVersionInfo>, AwsFailure>? Versions,
    Result<IReadOnlyList<AttachedPolicy>, AwsFailure>? Attached);
