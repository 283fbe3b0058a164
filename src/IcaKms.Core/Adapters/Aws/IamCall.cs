using IcaKms.Core.Aws;

namespace IcaKms.Core.Adapters.Aws;

/// <summary>One IAM Query action about one resource, with the sentence to say when the resource does not exist.</summary>
/// <param name="Action">The Query action, e.g. <c>GetPolicy</c>.</param>
/// <param name="Resource">The policy ARN or user name the call is about.</param>
/// <param name="NotFoundMessage">What to tell the admin when IAM answers NoSuchEntity.</param>
internal sealed record IamCall(string Action, string Resource, string NotFoundMessage)
{
    /// <summary>The IAM permission the call needs, e.g. <c>iam:GetPolicy</c>.</summary>
    public string Permission => "iam:" + Action;

    /// <summary>What to tell the admin when IAM answers EntityAlreadyExists; null for the general sentence.</summary>
    public string? AlreadyExistsMessage { get; init; }

    /// <summary>What to tell the admin when IAM answers LimitExceeded; null for the general sentence.</summary>
    public string? LimitMessage { get; init; }

    /// <summary>What to tell the admin when IAM answers DeleteConflict; null for the general sentence.</summary>
    public string? ConflictMessage { get; init; }

    /// <summary>
    /// True for actions whose answer holds no <c>…Result</c> element (AttachUserPolicy, DeletePolicyVersion): the
    /// <c>…Response</c> element with only its metadata is their success.
    /// </summary>
    public bool ReturnsNothing { get; init; }

    /// <summary>True for actions that only read (<c>Get…</c>, <c>List…</c>), which are safe to send again.</summary>
    public bool IsRead => Action.StartsWith("Get", StringComparison.Ordinal) || Action.StartsWith("List", StringComparison.Ordinal);
}
