namespace IcaKms.Core.Policies;

/// <summary>The spec's actions (from <see cref="IcaIamPolicy"/>) and the kind of resource each acts on.</summary>
internal static class SpecActions
{
    /// <summary>Every action the spec requires for the variant, in the spec's order.</summary>
    public static IReadOnlyList<string> Required(PolicyVariant variant) =>
        [.. IcaIamPolicy.KmsActions, .. IcaIamPolicy.BucketActions(variant), .. IcaIamPolicy.ObjectActions(variant), .. IcaIamPolicy.StsActions];

    /// <summary>The actions only the versioned variant has.</summary>
    public static IReadOnlyList<string> VersionOnly { get; } =
        [.. Required(PolicyVariant.Versioned).Except(Required(PolicyVariant.Unversioned), StringComparer.Ordinal)];

    /// <summary>Every action of either variant.</summary>
    public static IReadOnlyList<string> Known { get; } = Required(PolicyVariant.Versioned);

    /// <summary>True when the action is one of the spec's (either variant), compared case-insensitively.</summary>
    public static bool IsKnown(string action) => Known.Contains(action, StringComparer.OrdinalIgnoreCase);

    /// <summary>True when the action is one of the versioned variant's extra actions.</summary>
    public static bool IsVersionOnly(string action) => VersionOnly.Contains(action, StringComparer.OrdinalIgnoreCase);

    /// <summary>The kind of resource a spec action acts on; <see cref="ResourceKinds.None"/> for other actions.</summary>
    public static ResourceKinds TargetOf(string action)
    {
        if (Contains(IcaIamPolicy.KmsActions, action))
        {
            return ResourceKinds.KmsKey;
        }

        if (Contains(IcaIamPolicy.BucketActions(PolicyVariant.Versioned), action))
        {
            return ResourceKinds.S3Bucket;
        }

        if (Contains(IcaIamPolicy.ObjectActions(PolicyVariant.Versioned), action))
        {
            return ResourceKinds.S3Object;
        }

        return Contains(IcaIamPolicy.StsActions, action) ? ResourceKinds.FederatedUser : ResourceKinds.None;
    }

    /// <summary>What a kind of resource looks like, for messages.</summary>
    public static string Describe(ResourceKinds target) => target switch
    {
        ResourceKinds.KmsKey => "the KMS key ARN (arn:aws:kms:region:account:key/id)",
        ResourceKinds.S3Bucket => "the bucket ARN (arn:aws:s3:::bucket, without /…)",
        ResourceKinds.S3Object => "object ARNs (arn:aws:s3:::bucket/*)",
        ResourceKinds.FederatedUser => "\"*\" (or a federated-user ARN)",
        _ => "other resources",
    };

    /// <summary>Where the spec puts actions acting on that kind of resource, for fixes.</summary>
    public static string WhereSpecPuts(ResourceKinds target) => target switch
    {
        ResourceKinds.KmsKey => "the statement whose Resource holds the KMS key ARN (the spec's first statement)",
        ResourceKinds.S3Bucket => "the statement whose Resource holds the bucket ARN arn:aws:s3:::bucket (the spec's first statement)",
        ResourceKinds.S3Object => "the statement whose Resource is arn:aws:s3:::bucket/* (the spec's second statement)",
        ResourceKinds.FederatedUser => "a statement whose Resource is \"*\" (the spec's third statement)",
        _ => "a statement with the right resources",
    };

    private static bool Contains(IReadOnlyList<string> actions, string action) => actions.Contains(action, StringComparer.OrdinalIgnoreCase);
}
