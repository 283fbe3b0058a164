namespace IcaKms.Core.Policies;

/// <summary>
/// The action half of the summary check: which required actions are allowed, which are allowed only on resources
/// they do not act on, which allowed actions the spec does not list, and the findings about them.
/// </summary>
internal sealed record ActionAnalysis(
    IReadOnlyList<RequiredActionCheck> Required,
    IReadOnlyList<MisplacedAction> Misplaced,
    IReadOnlyList<string> Extra,
    IReadOnlyList<PolicyFinding> Findings)
{
    private static readonly ResourceKinds[] MissingGroups =
        [ResourceKinds.KmsKey, ResourceKinds.S3Bucket, ResourceKinds.S3Object, ResourceKinds.FederatedUser];

    /// <summary>Analyses the allowed actions of the policy against the variant's required ones.</summary>
    public static ActionAnalysis Analyse(ParsedPolicy policy, PolicyVariant variant)
    {
        List<ParsedStatement> allows = [.. policy.AllowStatements];
        IReadOnlyList<string> required = SpecActions.Required(variant);
        var findings = new List<PolicyFinding>();

        List<string> written = Distinct(allows.SelectMany(s => s.Actions), StringComparer.OrdinalIgnoreCase);
        List<string> invalid = [.. written.Where(a => !ActionName.IsValid(a))];
        if (invalid.Count > 0)
        {
            findings.Add(new PolicyFinding(
                FindingSeverity.Error,
                PolicyFindingKind.InvalidAction,
                $"Not valid actions: {Quote(invalid)}; IAM writes actions as service:action.",
                "Write them like s3:GetObject: the service prefix, a colon and the action name, without spaces."));
        }

        // Spec actions checked for placement: the required ones, plus the other variant's ones when written out.
        List<MisplacedAction> misplaced = [];
        foreach (string action in SpecActions.Known)
        {
            bool considered = required.Contains(action, StringComparer.Ordinal)
                || written.Contains(action, StringComparer.OrdinalIgnoreCase);
            if (considered && FindMisplacement(allows, action) is MisplacedAction found)
            {
                misplaced.Add(found);
                findings.Add(new PolicyFinding(
                    FindingSeverity.Error,
                    PolicyFindingKind.MisplacedAction,
                    $"{action} grants nothing: it is {found.Reason}.",
                    $"Allow it in {SpecActions.WhereSpecPuts(SpecActions.TargetOf(action))}."));
            }
        }

        List<RequiredActionCheck> checks = [.. required.Select(action => new RequiredActionCheck(
            action,
            allows.Any(s => s.Allows(action)),
            GrantedBy(allows, action),
            misplaced.Any(m => m.Action == action)))];

        List<string> missing = [.. checks.Where(c => !c.Present).Select(c => c.Action)];
        foreach (ResourceKinds group in MissingGroups)
        {
            List<string> inGroup = [.. missing.Where(a => SpecActions.TargetOf(a) == group && !SpecActions.IsVersionOnly(a))];
            if (inGroup.Count > 0)
            {
                findings.Add(MissingFinding(group, inGroup));
            }
        }

        List<string> missingVersions = [.. missing.Where(SpecActions.IsVersionOnly)];
        if (missingVersions.Count > 0)
        {
            findings.Add(new PolicyFinding(
                FindingSeverity.Error,
                PolicyFindingKind.MissingVersionActions,
                $"The bucket is versioned or suspended, but the policy does not allow {MessageList.Join(missingVersions)}.",
                "Use the spec's versioned policy: s3:ListBucketVersions and s3:GetBucketVersioning with the bucket ARN, s3:DeleteObjectVersion and s3:GetObjectVersion with the objects."));
        }

        List<string> extra = [.. written.Where(a => ActionName.IsValid(a) && !required.Contains(a, StringComparer.OrdinalIgnoreCase))];
        AddExtraFindings(findings, extra);

        return new ActionAnalysis(checks, misplaced, extra, findings);
    }

    /// <summary>The action is misplaced when every statement allowing it pairs it only with resources it does not act on.</summary>
    private static MisplacedAction? FindMisplacement(List<ParsedStatement> allows, string action)
    {
        List<ParsedStatement> granting = [.. allows.Where(s => s.Allows(action))];
        if (granting.Count == 0)
        {
            return null;
        }

        ResourceKinds target = SpecActions.TargetOf(action);
        ResourceKinds reached = granting.Aggregate(
            ResourceKinds.None,
            (kinds, s) => kinds | (s.IsNotResource ? ResourceKinds.All : s.Resources.Aggregate(ResourceKinds.None, (k, r) => k | ResourceArn.KindsOf(r))));
        if ((reached & target) != ResourceKinds.None)
        {
            return null;
        }

        List<string> resources = Distinct(granting.SelectMany(s => s.Resources), StringComparer.Ordinal);
        string via = GrantedBy(granting, action) is string by && !string.Equals(by, action, StringComparison.OrdinalIgnoreCase)
            ? $" (allowed by {by})"
            : string.Empty;
        string pairedWith = resources.Count == 0 ? "no resource" : MessageList.Join(resources);
        return new MisplacedAction(action, $"paired only with {pairedWith}{via}, but it acts on {SpecActions.Describe(target)}");
    }

    private static string? GrantedBy(IEnumerable<ParsedStatement> allows, string action)
    {
        List<string> patterns = [.. allows.SelectMany(s => s.Actions).Where(ActionName.IsValid)];
        return patterns.FirstOrDefault(p => string.Equals(p, action, StringComparison.OrdinalIgnoreCase))
            ?? patterns.FirstOrDefault(p => IamGlob.Matches(p, action, ignoreCase: true));
    }

    private static PolicyFinding MissingFinding(ResourceKinds group, List<string> actions)
    {
        string what = group switch
        {
            ResourceKinds.KmsKey => "KMS actions",
            ResourceKinds.S3Bucket => "bucket actions",
            ResourceKinds.S3Object => "object actions",
            _ => "STS action",
        };
        string fix = group == ResourceKinds.FederatedUser
            ? "Add a statement allowing sts:GetFederationToken on \"*\" (the spec's third statement): ICA uses it to hand out temporary credentials."
            : $"Add them to {SpecActions.WhereSpecPuts(group)}.";
        return new PolicyFinding(FindingSeverity.Error, PolicyFindingKind.MissingActions, $"Missing {what}: {MessageList.Join(actions)}.", fix);
    }

    private static void AddExtraFindings(List<PolicyFinding> findings, List<string> extra)
    {
        List<string> wildcards = [.. extra.Where(IamGlob.HasWildcard)];
        if (wildcards.Count > 0)
        {
            findings.Add(new PolicyFinding(
                FindingSeverity.Warning,
                PolicyFindingKind.WildcardAction,
                $"Wildcard actions grant more than ICA needs: {MessageList.Join(wildcards)}.",
                "Replace them with the spec's actions, listed one by one."));
        }

        List<string> versions = [.. extra.Where(SpecActions.IsVersionOnly)];
        if (versions.Count > 0)
        {
            findings.Add(new PolicyFinding(
                FindingSeverity.Warning,
                PolicyFindingKind.VersionActionsNotNeeded,
                $"{MessageList.Join(versions)}: needed only on versioned or suspended buckets; harmless but not needed here.",
                "Remove them, or check the versioned variant if versioning was ever enabled on the bucket."));
        }

        List<string> others = [.. extra.Where(a => !IamGlob.HasWildcard(a) && !SpecActions.IsVersionOnly(a))];
        if (others.Count > 0)
        {
            findings.Add(new PolicyFinding(
                FindingSeverity.Warning,
                PolicyFindingKind.ExtraActions,
                $"Actions the spec does not list: {MessageList.Join(others)}.",
                "Remove them unless something other than ICA needs them."));
        }
    }

    private static List<string> Distinct(IEnumerable<string> values, StringComparer comparer)
    {
        var seen = new HashSet<string>(comparer);
        return [.. values.Where(seen.Add)];
    }

    private static string Quote(List<string> values) => MessageList.Join([.. values.Select(v => $"\"{v}\"")]);
}
