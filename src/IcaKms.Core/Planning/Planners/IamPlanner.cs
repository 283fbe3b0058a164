using System.Text.Json.Nodes;
using IcaKms.Core.Aws;
using IcaKms.Core.Checks;
using IcaKms.Core.Policies;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Planning;

/// <summary>
/// Plans step 2's changes: create ICA's IAM user when it does not exist; create the managed policy with the spec's
/// document, or make that document the new default version of the existing one (deleting the oldest non-default
/// version first when it already has five); attach it to the user. Nothing when IAM already grants the user every
/// action the spec needs, however it does so.
/// </summary>
public static class IamPlanner
{
    /// <summary>The plan from the request, whether IAM already grants everything, and the facts read for it.</summary>
    /// <param name="request">The validated inputs.</param>
    /// <param name="alreadyGranted">True when the live IAM check passes (the user's policies grant every action).</param>
    /// <param name="facts">The user and the policy, as read by <see cref="IamPlanReader"/>.</param>
    public static SetupPlan Plan(InspectionRequest request, bool alreadyGranted, IamPlanFacts facts)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(facts);
        var changes = new List<SetupChange>();
        var blockers = new List<string>();
        var notes = new List<string>();
        if (request.BucketName is not string bucket || request.KeyArn is not string keyArn)
        {
            return Blocked("Enter a valid bucket name and key ARN in step 1 first: the policy names them.");
        }

        bool userExists;
        if (facts.User.Failure is { Kind: AwsFailureKind.NotFound })
        {
            changes.Add(new CreateIamUserChange(facts.UserName));
            notes.Add($"Give ICA an access key of {facts.UserName} (IAM console → Users → Security credentials) once the policy is attached.");
            userExists = false;
        }
        else if (facts.User.Failure is { } userFailure)
        {
            return Blocked($"The IAM user was not read, so nothing was planned: {userFailure.Message}");
        }
        else
        {
            userExists = true;
        }

        if (userExists && alreadyGranted)
        {
            return new SetupPlan(WizardStep.IamPolicy, [], [], [$"IAM already grants {facts.UserName} every action the spec needs: nothing to change."]);
        }

        PolicyDocument desired = IcaIamPolicy.Create(bucket, keyArn, request.Variant, request.ScopeObjectsToPrefix && request.Prefix.Length > 0 ? request.Prefix : null);
        string desiredJson = PolicyJson.Serialize(desired);
        if (facts.DefaultVersion.Failure is { Kind: AwsFailureKind.NotFound })
        {
            changes.Add(new CreateIamPolicyChange(facts.PolicyName, facts.PolicyArn, desired) { After = desiredJson });
            changes.Add(new AttachPolicyChange(facts.UserName, facts.PolicyArn));
            return new SetupPlan(WizardStep.IamPolicy, changes, blockers, notes);
        }

        if (facts.DefaultVersion.Failure is { } policyFailure)
        {
            return Blocked($"The policy {facts.PolicyArn} was not read, so nothing was planned: {policyFailure.Message}");
        }

        string current = facts.DefaultVersion.Value!.Document;
        if (!SameDocument(current, desiredJson))
        {
            if (facts.Versions is not { Value: { } versions })
            {
                return Blocked($"The versions of {facts.PolicyArn} were not read, so no version is added: {facts.Versions?.Failure?.Message ?? "inspect again."}");
            }

            PolicyVersionPlan room = PolicyVersionPlan.For(versions);
            if (!room.CanAddVersion)
            {
                return Blocked(room.Explanation);
            }

            if (room.DeleteFirst is { } oldest)
            {
                changes.Add(new DeletePolicyVersionChange(facts.PolicyArn, oldest.VersionId));
            }

            notes.Add(room.Explanation);
            changes.Add(new AddPolicyVersionChange(facts.PolicyArn, desired) { Before = current, After = desiredJson });
        }

        bool attached = facts.Attached?.Value?.Any(p => string.Equals(p.PolicyArn, facts.PolicyArn, StringComparison.Ordinal)) ?? false;
        if (!attached)
        {
            if (facts.Attached?.Failure is { } attachedFailure)
            {
                blockers.Add($"The user's attached policies were not read, so the policy is not attached: {attachedFailure.Message}");
            }
            else
            {
                changes.Add(new AttachPolicyChange(facts.UserName, facts.PolicyArn));
            }
        }

        return new SetupPlan(WizardStep.IamPolicy, changes, blockers, notes);
    }

    // Compared as JSON values, so formatting and key order of IAM's stored copy do not count as a difference.
    private static bool SameDocument(string a, string b)
    {
        try
        {
            return JsonNode.DeepEquals(JsonNode.Parse(a), JsonNode.Parse(b));
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static SetupPlan Blocked(string reason) => new(WizardStep.IamPolicy, [], [reason], []);
}
