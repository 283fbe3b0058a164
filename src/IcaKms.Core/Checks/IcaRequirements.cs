using IcaKms.Core.Policies;
using IcaKms.Core.Validation;

namespace IcaKms.Core.Checks;

/// <summary>
/// What ICA's IAM user needs, one entry per action and the resource it acts on. Objects are probed with a key under
/// the prefix, so a policy scoped to the prefix folder counts as covering them.
/// </summary>
internal static class IcaRequirements
{
    /// <summary>Every action of the spec's policy variant on its resource.</summary>
    public static IReadOnlyList<Requirement> All(PolicyVariant variant, string partition, string account, string bucket, string prefix, string keyArn)
    {
        string bucketArn = ArnParts.Bucket(partition, bucket);
        var key = new Target(keyArn, $"the key {keyArn}");
        var bucketTarget = new Target(bucketArn, $"the bucket {bucketArn}");
        var objects = new Target($"{bucketArn}/{prefix}ica-object", $"the objects {bucketArn}/{prefix}*");
        var federatedUser = new Target(new ArnParts(partition, "sts", string.Empty, account, "federated-user/ica").ToString(), "\"*\"");
        return
        [
            .. IcaIamPolicy.KmsActions.Select(a => new Requirement(a, key)),
            .. IcaIamPolicy.BucketActions(variant).Select(a => new Requirement(a, bucketTarget)),
            .. IcaIamPolicy.ObjectActions(variant).Select(a => new Requirement(a, objects)),
            .. IcaIamPolicy.StsActions.Select(a => new Requirement(a, federatedUser)),
        ];
    }

    /// <summary>A resource probed and how messages name it.</summary>
    public sealed record Target(string Probe, string Label);

    /// <summary>One action the spec needs, on the resource it acts on.</summary>
    public sealed record Requirement(string Action, Target Target)
    {
        /// <summary>True for an S3 action (judged against the bucket policy too).</summary>
        public bool IsS3 => Action.StartsWith("s3:", StringComparison.Ordinal);

        /// <summary>True for a KMS action (judged against the key policy and grants too).</summary>
        public bool IsKms => Action.StartsWith("kms:", StringComparison.Ordinal);
    }
}
