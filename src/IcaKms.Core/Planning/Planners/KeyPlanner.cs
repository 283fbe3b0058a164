using IcaKms.Core.Checks;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Planning;

/// <summary>Plans a new key for step 1: symmetric, customer managed, in the ICA region, with an alias and a description.</summary>
public static class KeyPlanner
{
    /// <summary>The plan that creates the key for the request's bucket (its name gives the alias and the description).</summary>
    public static SetupPlan Plan(InspectionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.BucketName is not string bucket)
        {
            return new SetupPlan(WizardStep.Bucket, [], [$"Enter a valid bucket name first: the key is named after it. {request.BucketError}"], []);
        }

        return new SetupPlan(
            WizardStep.Bucket,
            [new CreateKeyChange(request.AwsRegion, SetupNames.AliasName(bucket), SetupNames.KeyDescription(bucket))],
            [],
            ["The new key's default key policy gives your account's root full access, so IAM policies decide who may use it; its ARN then replaces the key in step 1."]);
    }
}
