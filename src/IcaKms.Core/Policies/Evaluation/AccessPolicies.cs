namespace IcaKms.Core.Policies.Evaluation;

/// <summary>The policies that apply to one request.</summary>
public sealed record AccessPolicies
{
    /// <summary>What the resource is.</summary>
    public required ResourceKind Kind { get; init; }

    /// <summary>The account that owns the resource (same-account and cross-account requests are judged differently).</summary>
    public required string ResourceAccount { get; init; }

    /// <summary>
    /// The principal's identity policies (user, groups, role); null when they are not read here (e.g. ICA's own role in
    /// Illumina's account, or the caller of a key-policy write): an Allow there is then assumed and the decision says so.
    /// </summary>
    public IReadOnlyList<EvaluablePolicy>? Identity { get; init; }

    /// <summary>The resource policy (key policy, bucket policy); null when the resource has none.</summary>
    public EvaluablePolicy? Resource { get; init; }

    /// <summary>The key's grants (KMS only).</summary>
    public IReadOnlyList<KeyGrant> Grants { get; init; } = [];

    /// <summary>How decisions name the identity policies when they are assumed to allow.</summary>
    public string AssumedIdentity { get; init; } = "the principal's own IAM policies (not read here)";
}
