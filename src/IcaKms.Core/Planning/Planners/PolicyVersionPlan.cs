using System.Globalization;
using IcaKms.Core.Aws;

namespace IcaKms.Core.Planning;

/// <summary>
/// How to add a new default version to an existing managed policy within IAM's five-version limit: when the policy
/// already has five versions, the oldest non-default version is deleted first (never the default one, which IAM
/// refuses to delete and which is the policy in effect). Pure: computed from IAM ListPolicyVersions.
/// </summary>
/// <param name="CanAddVersion">False only when five versions exist and none of them may be deleted.</param>
/// <param name="DeleteFirst">The version to delete before adding the new one, or null when there is room.</param>
/// <param name="Explanation">One sentence for the plan: what happens to the versions, and why.</param>
public sealed record PolicyVersionPlan(bool CanAddVersion, PolicyVersionInfo? DeleteFirst, string Explanation)
{
    /// <summary>IAM's maximum number of versions of a managed policy.</summary>
    public const int MaxVersions = 5;

    /// <summary>The plan for adding one version to a policy that has <paramref name="versions"/>.</summary>
    /// <param name="versions">Every version of the policy, in any order.</param>
    public static PolicyVersionPlan For(IReadOnlyList<PolicyVersionInfo> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        string count = versions.Count.ToString(CultureInfo.InvariantCulture);
        if (versions.Count < MaxVersions)
        {
            return new PolicyVersionPlan(true, null,
                $"The policy has {count} of IAM's {MaxVersions} versions: the new version is added and made the default; every existing version is kept.");
        }

        // Oldest first; versions created in the same second are ordered by their number (v2 before v10).
        PolicyVersionInfo? oldest = versions
            .Where(version => !version.IsDefaultVersion)
            .OrderBy(version => version.CreateDate)
            .ThenBy(version => NumberOf(version.VersionId))
            .ThenBy(version => version.VersionId, StringComparer.Ordinal)
            .FirstOrDefault();
        if (oldest is null)
        {
            return new PolicyVersionPlan(false, null,
                $"The policy has {count} versions, IAM's maximum is {MaxVersions}, and none of them is a non-default version that could be deleted: "
                + "delete versions by hand, then plan again.");
        }

        string created = oldest.CreateDate.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        return new PolicyVersionPlan(true, oldest,
            $"The policy already has {count} versions, IAM's maximum: its oldest non-default version, {oldest.VersionId} (created {created}), "
            + "is deleted first, then the new version is added and made the default. The default version in effect is not deleted.");
    }

    private static long NumberOf(string versionId) =>
        versionId.Length > 1 && long.TryParse(versionId.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out long number) ? number : long.MaxValue;
}
