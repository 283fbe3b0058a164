namespace IcaKms.Core.Policies;

/// <summary>What a <see cref="PolicyFinding"/> is about, so callers can group or test findings without parsing messages.</summary>
public enum PolicyFindingKind
{
    /// <summary>The policy does not have the spec's 3 statements.</summary>
    StatementCount,

    /// <summary>The services in the IAM Summary are not exactly KMS, S3 and STS.</summary>
    Services,

    /// <summary>Actions the spec requires are not allowed.</summary>
    MissingActions,

    /// <summary>The versioned variant's version actions are not allowed.</summary>
    MissingVersionActions,

    /// <summary>An action is allowed only on resources it does not act on, so it grants nothing.</summary>
    MisplacedAction,

    /// <summary>A wildcard action grants more than ICA needs.</summary>
    WildcardAction,

    /// <summary>Actions the spec does not list.</summary>
    ExtraActions,

    /// <summary>Version actions in a policy for an unversioned bucket: harmless, but not needed.</summary>
    VersionActionsNotNeeded,

    /// <summary>An action that is not of the form <c>service:action</c>.</summary>
    InvalidAction,

    /// <summary>The given bucket's ARN is not among the resources.</summary>
    BucketNotNamed,

    /// <summary>No resource names the given bucket's objects (<c>arn:aws:s3:::bucket/*</c>).</summary>
    ObjectsNotNamed,

    /// <summary>S3 resources naming buckets other than the given one.</summary>
    ForeignBucket,

    /// <summary>The given KMS key ARN is not among the resources.</summary>
    KeyNotNamed,

    /// <summary>KMS key ARNs other than the given one.</summary>
    ForeignKey,

    /// <summary>A KMS alias ARN where IAM needs the key ARN.</summary>
    KeyAlias,

    /// <summary>A spec placeholder (<c>arn:aws:kms:xxx</c>, <c>BUCKET_NAME</c>) or an incomplete key ARN left in the resources.</summary>
    Placeholder,

    /// <summary>S3 or KMS actions granted on every bucket or key (<c>"*"</c>, <c>arn:aws:s3:::*</c>, …).</summary>
    BroadResource,

    /// <summary>An object resource without a wildcard: it names a single object, not a folder.</summary>
    SingleObjectResource,

    /// <summary>A <c>Deny</c> statement.</summary>
    DenyStatement,

    /// <summary>A statement with <c>NotAction</c> or <c>NotResource</c>, which this check does not analyse.</summary>
    NotAnalysed,

    /// <summary>A statement with a <c>Condition</c>, which this check does not evaluate.</summary>
    Condition,

    /// <summary>A <c>Principal</c> or <c>NotPrincipal</c>, which IAM identity policies must not have.</summary>
    Principal,

    /// <summary>An element IAM does not know, or an <c>Effect</c> not written exactly <c>Allow</c>/<c>Deny</c>.</summary>
    InvalidElement,

    /// <summary>The policy language <c>Version</c> is missing, old or invalid.</summary>
    Version,

    /// <summary>The policy is over IAM's size limit for managed policies.</summary>
    SizeLimit,
}
