using IcaKms.Core.Checks;
using IcaKms.Core.Policies;
using IcaKms.Core.KeyPolicies;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Planning;

/// <summary>
/// Plans step 4's change: the spec's cross-account statement merged into the key policy by its Sid, every other
/// statement kept, refused when the key is AWS managed, the result too large, or the caller would be locked out.
/// </summary>
public static class KeyPolicyPlanner
{
    /// <summary>The plan from the request, the inspection's key and key policy, and who will write it.</summary>
    /// <param name="request">The validated inputs.</param>
    /// <param name="snapshot">The inspection (its key description and key policy, read with the key ARN).</param>
    /// <param name="callerArn">The caller's ARN (STS), which must keep the right to change the policy.</param>
    public static SetupPlan Plan(InspectionRequest request, LiveSnapshot snapshot, string callerArn)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!request.CrossAccountCopy)
        {
            return new SetupPlan(WizardStep.CrossAccount, [], [], ["Cross-account copy is not chosen: the key policy needs no change."]);
        }

        if (request.CrossAccountRoleArn is not string role)
        {
            return Blocked($"Enter ICA's cross-account role ARN first: {request.CrossAccountRoleError}");
        }

        if (snapshot.Key.Failure is { } keyFailure)
        {
            return Blocked($"The key could not be described, so its policy is not changed: {keyFailure.Message}");
        }

        if (snapshot.KeyPolicy.Failure is { } policyFailure)
        {
            return Blocked($"The key policy was not read, so it is not changed: {policyFailure.Message}");
        }

        string keyArn = snapshot.Key.Value!.KeyArn;
        KeyPolicyMergeResult merge = KeyPolicyMerge.Merge(new KeyPolicyMergeRequest(snapshot.KeyPolicy.Value!, role, callerArn)
        {
            KeyManager = snapshot.Key.Value.KeyManager,
        });
        return merge.Outcome switch
        {
            KeyPolicyMergeOutcome.Refused => Blocked(merge.Message),
            KeyPolicyMergeOutcome.NoChange => new SetupPlan(WizardStep.CrossAccount, [], [], [merge.Message]),
            _ => new SetupPlan(
                WizardStep.CrossAccount,
                [new MergeKeyPolicyChange(keyArn, role) { Before = merge.PreviousPolicy, After = merge.MergedPolicy }],
                [],
                [merge.Message, "The previous key policy is kept for this session, so you can restore it in one click."]),
        };
    }

    private static SetupPlan Blocked(string reason) => new(WizardStep.CrossAccount, [], [reason], []);
}
