namespace IcaKms.Core.Policies;

/// <summary>The policy variant a bucket's live versioning status calls for, and why, in words for the admin.</summary>
/// <param name="Variant">The variant the bucket needs.</param>
/// <param name="Reason">Why, in one sentence.</param>
public sealed record PolicyVariantChoice(PolicyVariant Variant, string Reason)
{
    /// <summary>The choice for an S3 versioning status (<c>Enabled</c>, <c>Suspended</c>, or null when never enabled).</summary>
    public static PolicyVariantChoice For(string? versioningStatus) => IcaIamPolicy.VariantFor(versioningStatus) switch
    {
        PolicyVariant.Versioned => new(PolicyVariant.Versioned,
            $"The bucket's versioning is {versioningStatus}: ICA needs the versioned policy, which adds the object-version actions " +
            "(a suspended bucket keeps its old versions, so it needs them too)."),
        _ => new(PolicyVariant.Unversioned,
            "Versioning has never been enabled on the bucket: the unversioned policy is the one ICA needs."),
    };
}
