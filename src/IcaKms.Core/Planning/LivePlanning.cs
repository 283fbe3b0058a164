using IcaKms.Core.Aws;
using IcaKms.Core.Checks;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Planning;

/// <summary>
/// The plan of one part of the setup from a fresh inspection, as every front end computes it (the wizard's plan panels,
/// <c>icakms apply</c>): the planners of each part, with what they need read from the same session.
/// </summary>
public static class LivePlanning
{
    /// <summary>The parts a plan can be made for, in the order they are applied.</summary>
    public static IReadOnlyList<SetupPart> Parts { get; } = [SetupPart.Bucket, SetupPart.Iam, SetupPart.KeyPolicy];

    /// <summary>Plans one part.</summary>
    /// <param name="part">The part: <see cref="SetupPart.Key"/>, <see cref="SetupPart.Bucket"/>, <see cref="SetupPart.Iam"/> or <see cref="SetupPart.KeyPolicy"/>.</param>
    /// <param name="request">What was inspected.</param>
    /// <param name="snapshot">The inspection of <paramref name="request"/> (not read for <see cref="SetupPart.Key"/>).</param>
    /// <param name="gateways">The session's gateways in the request's region (the IAM part reads the user's policies).</param>
    /// <param name="callerArn">The STS caller ARN (the key-policy lockout rule and the IAM plan read it).</param>
    /// <param name="ct">Cancels the IAM reads.</param>
    public static async Task<SetupPlan> PlanAsync(
        SetupPart part, InspectionRequest request, LiveSnapshot snapshot, AwsGateways gateways, string callerArn, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(gateways);
        switch (part)
        {
            case SetupPart.Key:
                return KeyPlanner.Plan(request);
            case SetupPart.Bucket:
                return BucketPlanner.Plan(request, snapshot);
            case SetupPart.KeyPolicy:
                return KeyPolicyPlanner.Plan(request, snapshot, callerArn);
            case SetupPart.Iam:
                if (request.IamUserName is not string user || request.BucketName is not string bucket)
                {
                    return new SetupPlan(WizardStep.IamPolicy, [], ["Enter the IAM user ICA will use (for example ica-storage) above, and a valid bucket name in step 1."], []);
                }

                IamPlanFacts facts = await IamPlanReader.ReadAsync(gateways.Iam, user, request.PolicyArn, bucket, callerArn, ct).ConfigureAwait(false);
                bool granted = LiveChecks.Evaluate(snapshot, request).FirstOrDefault(c => c.Id == LiveCheckIds.IamPolicy)?.State == CheckState.Pass;
                return IamPlanner.Plan(request, granted, facts);
            default:
                throw new ArgumentOutOfRangeException(nameof(part), part, "Only the key, bucket, IAM and key-policy parts have plans.");
        }
    }
}
