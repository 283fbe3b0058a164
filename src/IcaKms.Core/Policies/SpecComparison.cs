using System.Globalization;

namespace IcaKms.Core.Policies;

/// <summary>
/// Compares a policy with the spec's policy for a variant, statement by statement: each statement is matched to the
/// spec statement it shares the most actions with, then actions and resources are compared. One readable line per
/// difference; none for the spec's own document.
/// </summary>
internal static class SpecComparison
{
    /// <summary>The most lines returned; a policy that far from the spec needs rewriting, not a longer list.</summary>
    public const int MaxLines = 50;

    private static readonly string[] Labels = ["KMS key and bucket", "objects", "STS"];

    /// <summary>The differences, in document order.</summary>
    public static IReadOnlyList<string> Compare(ParsedPolicy policy, PolicyVariant variant, string? bucketName, string? keyArn)
    {
        IReadOnlyList<PolicyStatement> spec = IcaIamPolicy.Create(
            bucketName ?? IcaIamPolicy.BucketPlaceholder, keyArn ?? IcaIamPolicy.KeyPlaceholder, variant).Statement;
        var lines = new List<string>();
        if (policy.Version != PolicyDocument.CurrentVersion)
        {
            lines.Add($"Version is {(policy.Version is null ? "missing" : $"\"{policy.Version}\"")} (spec: \"{PolicyDocument.CurrentVersion}\").");
        }

        if (policy.Statements.Count != spec.Count)
        {
            lines.Add(Format($"The policy has {policy.Statements.Count} statement{(policy.Statements.Count == 1 ? string.Empty : "s")} (spec: {spec.Count})."));
        }

        List<ParsedStatement>[] mapped = [.. spec.Select(_ => new List<ParsedStatement>())];
        foreach (ParsedStatement statement in policy.Statements)
        {
            if (!statement.AllowsListedActionsOnListedResources)
            {
                lines.Add(statement.IsAllow
                    ? Format($"Statement {statement.Number} uses NotAction or NotResource (the spec lists actions and resources); not compared.")
                    : Format($"Statement {statement.Number} is a Deny statement; the spec has none."));
                continue;
            }

            int best = BestMatch(statement, spec);
            if (best < 0)
            {
                lines.Add(Format($"Statement {statement.Number} is not in the spec: Allow {MessageList.Join(statement.Actions)} on {MessageList.Join(statement.Resources)}."));
                continue;
            }

            mapped[best].Add(statement);
        }

        for (int k = 0; k < spec.Count; k++)
        {
            CompareStatement(lines, policy, spec, k, mapped[k], bucketName, keyArn);
        }

        return lines.Count <= MaxLines
            ? lines
            : [.. lines.Take(MaxLines), Format($"… and {lines.Count - MaxLines} more differences.")];
    }

    /// <summary>The spec statement sharing the most actions with the statement, or -1 when it shares none.</summary>
    private static int BestMatch(ParsedStatement statement, IReadOnlyList<PolicyStatement> spec)
    {
        int best = -1;
        int bestOverlap = 0;
        for (int k = 0; k < spec.Count; k++)
        {
            int overlap = spec[k].Action.Count(statement.Allows);
            if (overlap > bestOverlap)
            {
                best = k;
                bestOverlap = overlap;
            }
        }

        return best;
    }

    private static void CompareStatement(
        List<string> lines, ParsedPolicy policy, IReadOnlyList<PolicyStatement> spec, int k, List<ParsedStatement> mapped, string? bucketName, string? keyArn)
    {
        string label = Format($"the spec's statement {k + 1} ({Labels[k]})");
        if (mapped.Count == 0)
        {
            lines.Add($"No statement matches {label}: Allow {MessageList.Join(spec[k].Action)} on {MessageList.Join(spec[k].Resource)}.");
            return;
        }

        string at = mapped.Count == 1
            ? Format($"Statement {mapped[0].Number}")
            : $"Statements {string.Join(", ", mapped.Select(s => s.Number.ToString(CultureInfo.InvariantCulture)))}";
        if (mapped.Count > 1)
        {
            lines.Add($"{at} split {label} into {mapped.Count.ToString(CultureInfo.InvariantCulture)}.");
        }

        foreach (string action in spec[k].Action.Where(a => !mapped.Any(s => s.Allows(a))))
        {
            // An action filed with another spec statement is reported there, as "has …, which the spec puts in …".
            if (!policy.Statements.Any(s => s.Allows(action)))
            {
                lines.Add($"{at}: missing {action}.");
            }
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (string action in mapped.SelectMany(s => s.Actions).Where(a => seen.Add(a) && !spec[k].Action.Contains(a, StringComparer.OrdinalIgnoreCase)))
        {
            int home = FindIndex(spec, s => s.Action.Contains(action, StringComparer.OrdinalIgnoreCase));
            lines.Add(home >= 0
                ? Format($"{at}: has {action}, which the spec puts in statement {home + 1} ({Labels[home]}).")
                : $"{at}: extra {action}.");
        }

        List<string> resources = [.. mapped.SelectMany(s => s.Resources).Distinct(StringComparer.Ordinal)];
        CompareResources(lines, at, k, resources, bucketName, keyArn);
    }

    private static void CompareResources(List<string> lines, string at, int k, List<string> resources, string? bucketName, string? keyArn)
    {
        string? bucketArn = bucketName is null ? null : IcaIamPolicy.BucketArn(bucketName);
        switch (k)
        {
            case 0:
                bool IsKey(string r) => keyArn is null ? ResourceArn.KindsOf(r) == ResourceKinds.KmsKey : r == keyArn;
                bool IsBucket(string r) => bucketArn is null
                    ? ResourceArn.KindsOf(r) == ResourceKinds.S3Bucket && !IamGlob.HasWildcard(r)
                    : r == bucketArn;
                if (!resources.Any(IsKey))
                {
                    lines.Add($"{at}: Resource lacks {keyArn ?? "the KMS key ARN"}.");
                }

                if (!resources.Any(IsBucket))
                {
                    lines.Add($"{at}: Resource lacks {bucketArn ?? "the bucket ARN (arn:aws:s3:::bucket)"}.");
                }

                AddExtraResources(lines, at, resources.Where(r => !IsKey(r) && !IsBucket(r)));
                break;
            case 1:
                bool IsObjects(string r) => bucketArn is null
                    ? ResourceArn.IsS3Object(r)
                    : r.StartsWith(bucketArn + "/", StringComparison.Ordinal);
                List<string> objects = [.. resources.Where(IsObjects)];
                if (objects.Count == 0)
                {
                    lines.Add($"{at}: Resource lacks {(bucketName is null ? "the objects ARN (arn:aws:s3:::bucket/*)" : IcaIamPolicy.ObjectArn(bucketName))}.");
                }

                foreach (string limited in objects.Where(r => !r.EndsWith(":" + ResourceArn.S3Bucket(r) + "/*", StringComparison.Ordinal)))
                {
                    lines.Add($"{at}: objects limited to {limited} (spec: the whole bucket, arn:aws:s3:::bucket/*).");
                }

                AddExtraResources(lines, at, resources.Where(r => !IsObjects(r)));
                break;
            default:
                if (!resources.Contains("*"))
                {
                    lines.Add($"{at}: Resource is {MessageList.Join(resources)} (spec: \"*\").");
                    break;
                }

                AddExtraResources(lines, at, resources.Where(r => r != "*"));
                break;
        }
    }

    private static void AddExtraResources(List<string> lines, string at, IEnumerable<string> extra)
    {
        foreach (string resource in extra)
        {
            lines.Add($"{at}: extra resource {resource}.");
        }
    }

    private static int FindIndex(IReadOnlyList<PolicyStatement> spec, Func<PolicyStatement, bool> predicate)
    {
        for (int k = 0; k < spec.Count; k++)
        {
            if (predicate(spec[k]))
            {
                return k;
            }
        }

        return -1;
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
