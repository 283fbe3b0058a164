using IcaKms.Core.Policies;
using IcaKms.Core.Validation;

namespace IcaKms.Core.Checks;

/// <summary>
/// The effective permissions of a set of IAM identity policies for the spec's actions: an action is granted on a
/// resource when some <c>Allow</c> statement of any document covers both and no unconditional <c>Deny</c> does.
/// Wildcards, <c>NotAction</c> and <c>NotResource</c> are honoured; conditions on an Allow are taken as met.
/// </summary>
internal static class IamPermissions
{
    /// <summary>Whether the statements grant the action on the resource.</summary>
    public static Grant Evaluate(IReadOnlyList<ParsedStatement> statements, string action, string resource)
    {
        if (statements.Any(s => !s.IsAllow && !s.HasCondition && Covers(s, action, resource)))
        {
            return Grant.Denied;
        }

        return statements.Any(s => s.IsAllow && Covers(s, action, resource)) ? Grant.Allowed : Grant.Missing;
    }

    /// <summary>True when some Allow statement covers the action on the resource (Deny statements are not weighed).</summary>
    public static bool Allows(IReadOnlyList<ParsedStatement> statements, string action, string resource) =>
        statements.Any(s => s.IsAllow && Covers(s, action, resource));

    /// <summary>
    /// What ICA's IAM user needs, one entry per action and the resource it acts on. Objects are probed with a key
    /// under the prefix, so a policy scoped to the prefix folder counts as covering them.
    /// </summary>
    public static IReadOnlyList<Requirement> Required(PolicyVariant variant, string partition, string account, string bucket, string prefix, string keyArn)
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

    private static bool Covers(ParsedStatement statement, string action, string resource)
    {
        bool actionListed = statement.Actions.Any(pattern => IamGlob.Matches(pattern, action, ignoreCase: true));
        bool resourceListed = statement.Resources.Any(pattern => IamGlob.Matches(pattern, resource, ignoreCase: false));
        return actionListed != statement.IsNotAction && resourceListed != statement.IsNotResource;
    }

    /// <summary>How an action stands on a resource.</summary>
    public enum Grant
    {
        /// <summary>An Allow covers it and no Deny does.</summary>
        Allowed,

        /// <summary>An unconditional Deny covers it.</summary>
        Denied,

        /// <summary>No Allow covers it.</summary>
        Missing,
    }

    /// <summary>A resource probed and how messages name it.</summary>
    public sealed record Target(string Probe, string Label);

    /// <summary>One action the spec needs, on the resource it acts on.</summary>
    public sealed record Requirement(string Action, Target Target);
}
