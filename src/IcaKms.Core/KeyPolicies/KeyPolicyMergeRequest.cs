using IcaKms.Core.Policies;
using IcaKms.Core.Policies.Evaluation;

namespace IcaKms.Core.KeyPolicies;

/// <summary>What a key-policy merge needs: the key's current policy, ICA's role, and who will send the new policy.</summary>
/// <param name="CurrentPolicy">The key policy text as KMS GetKeyPolicy returns it.</param>
/// <param name="RoleArn">ICA's cross-account role ARN, the principal of the spec's statement.</param>
/// <param name="CallerArn">
/// The ARN STS GetCallerIdentity returns for the credentials that will call PutKeyPolicy: a user, an assumed-role
/// session (<c>arn:aws:sts::ACCT:assumed-role/ROLE/SESSION</c>, read as the role) or the account root.
/// </param>
public sealed record KeyPolicyMergeRequest(string CurrentPolicy, string RoleArn, string CallerArn)
{
    /// <summary>The key's <c>KeyManager</c> from DescribeKey (<c>CUSTOMER</c> or <c>AWS</c>); null when not known. <c>AWS</c> is refused.</summary>
    public string? KeyManager { get; init; }
}
