namespace IcaKms.Integration.Tests;

/// <summary>What an integration test needs from the environment beyond <c>ICAKMS_IT_ENDPOINT</c>.</summary>
public enum IntegrationRequirement
{
    /// <summary>Only the endpoint.</summary>
    Endpoint,

    /// <summary>An existing SSE-KMS bucket and its key (<c>ICAKMS_IT_BUCKET</c>, <c>ICAKMS_IT_KEY_ARN</c>), only read.</summary>
    ExistingScenario,

    /// <summary>An existing scenario and the IAM user ICA uses in it (<c>ICAKMS_IT_IAM_USER</c>), only read.</summary>
    ExistingIamUser,

    /// <summary>An endpoint with IAM's write API (CreateUser, CreatePolicy); off when <c>ICAKMS_IT_SKIP_IAM</c> is set.</summary>
    IamWrites,
}

/// <summary>
/// A fact that runs only when <c>ICAKMS_IT_ENDPOINT</c> names an AWS-compatible endpoint (and the
/// <see cref="IntegrationRequirement"/> is met); otherwise xunit reports it as skipped, with the reason. Only environment
/// variables are read here: nothing is constructed and no host is reached when a test is skipped.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class IntegrationFactAttribute : FactAttribute
{
    /// <summary>The skip reason when <c>ICAKMS_IT_ENDPOINT</c> is unset.</summary>
    public const string NoEndpointReason =
        "Set ICAKMS_IT_ENDPOINT to run the integration tests against an AWS-compatible endpoint (e.g. LocalStack).";

    /// <summary>Runs the test when <c>ICAKMS_IT_ENDPOINT</c> is set.</summary>
    public IntegrationFactAttribute()
        : this(IntegrationRequirement.Endpoint)
    {
    }

    /// <summary>Runs the test when <c>ICAKMS_IT_ENDPOINT</c> is set and <paramref name="requirement"/> is met.</summary>
    public IntegrationFactAttribute(IntegrationRequirement requirement)
    {
        string? reason = IntegrationSettings.IsSet(IntegrationSettings.EndpointVariable) ? UnmetReason(requirement) : NoEndpointReason;
        if (reason is not null)
        {
            Skip = reason;
        }
    }

    private static string? UnmetReason(IntegrationRequirement requirement)
    {
        bool scenario = IntegrationSettings.IsSet(IntegrationSettings.BucketVariable) && IntegrationSettings.IsSet(IntegrationSettings.KeyArnVariable);
        return requirement switch
        {
            IntegrationRequirement.ExistingScenario when !scenario =>
                "Set ICAKMS_IT_BUCKET and ICAKMS_IT_KEY_ARN to an existing SSE-KMS bucket and its key to run the read-only checks.",
            IntegrationRequirement.ExistingIamUser when !scenario || !IntegrationSettings.IsSet(IntegrationSettings.IamUserVariable) =>
                "Set ICAKMS_IT_IAM_USER (with ICAKMS_IT_BUCKET and ICAKMS_IT_KEY_ARN) to read the policies of ICA's existing IAM user.",
            IntegrationRequirement.IamWrites when IntegrationSettings.IsSet(IntegrationSettings.SkipIamVariable) =>
                "ICAKMS_IT_SKIP_IAM is set: the endpoint is taken to have no IAM API to create a user and a policy with.",
            _ => null,
        };
    }
}
