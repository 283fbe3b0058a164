namespace IcaKms.Core.Policies;

/// <summary>
/// The resource half of the summary check: placeholders and alias ARNs left in the policy, resources broader than
/// one bucket and key, and, when the caller names them, whether the policy names that bucket and key.
/// </summary>
internal static class ResourceAnalysis
{
    /// <summary>Findings about the resources of the statements that allow listed actions on listed resources.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="bucketName">The bucket the policy is for, or null when not known.</param>
    /// <param name="keyArn">The key ARN the policy is for, or null when not known.</param>
    public static IReadOnlyList<PolicyFinding> Analyse(ParsedPolicy policy, string? bucketName, string? keyArn)
    {
        List<ParsedStatement> statements = [.. policy.Statements.Where(s => s.AllowsListedActionsOnListedResources)];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        List<string> resources = [.. statements.SelectMany(s => s.Resources).Where(seen.Add)];
        var findings = new List<PolicyFinding>();

        AddKeyFindings(findings, resources, ResourcesOfService(statements, "kms"), keyArn);
        if (bucketName is not null)
        {
            AddBucketFindings(findings, resources, ResourcesOfService(statements, "s3"), bucketName);
        }

        foreach (ParsedStatement statement in statements)
        {
            AddBroadFinding(findings, statement);
            AddSingleObjectFindings(findings, statement);
        }

        return findings;
    }

    /// <summary>The resources of the statements allowing actions of the service: only these can name its bucket or key.</summary>
    private static List<string> ResourcesOfService(List<ParsedStatement> statements, string service) =>
        [.. statements.Where(s => s.Actions.Any(a => ActionName.CoversService(a, service))).SelectMany(s => s.Resources)];

    private static void AddKeyFindings(List<PolicyFinding> findings, List<string> resources, List<string> kmsResources, string? keyArn)
    {
        string replaceWith = keyArn ?? "the key's ARN (arn:aws:kms:region:account:key/id, shown in the KMS console)";
        List<string> aliases = [.. resources.Where(ResourceArn.IsKmsAlias)];
        foreach (string alias in aliases)
        {
            findings.Add(new PolicyFinding(
                FindingSeverity.Error,
                PolicyFindingKind.KeyAlias,
                $"{alias} is a KMS alias ARN: an IAM policy must name the key ARN, an alias grants nothing on the key.",
                $"Replace it with {replaceWith}."));
        }

        // The spec's own placeholder is the spec's text until a key is known; anything else incomplete is broken anyway.
        List<string> incomplete = [.. resources.Where(r => ResourceArn.IsIncompleteKmsArn(r) && (keyArn is not null || !ResourceArn.IsKeyPlaceholder(r)))];
        foreach (string resource in incomplete)
        {
            string message = ResourceArn.IsKeyPlaceholder(resource)
                ? $"The policy still contains the placeholder {resource}."
                : $"{resource} is not a complete KMS key ARN: the policy still contains a placeholder or a truncated ARN.";
            findings.Add(new PolicyFinding(FindingSeverity.Error, PolicyFindingKind.Placeholder, message, $"Replace it with {replaceWith}."));
        }

        if (keyArn is null)
        {
            return;
        }

        bool named = kmsResources.Any(r => IamGlob.Matches(r, keyArn, ignoreCase: false));
        bool explained = aliases.Count > 0 || incomplete.Count > 0;
        if (!named && !explained)
        {
            findings.Add(new PolicyFinding(
                FindingSeverity.Error,
                PolicyFindingKind.KeyNotNamed,
                $"The policy does not name your KMS key {keyArn}.",
                "Add it to the Resource of the statement with the KMS actions (the spec's first statement)."));
        }

        List<string> otherKeys = [.. resources.Where(r => ResourceArn.IsKmsKey(r) && r != keyArn)];
        if (otherKeys.Count > 0)
        {
            findings.Add(new PolicyFinding(
                FindingSeverity.Warning,
                PolicyFindingKind.ForeignKey,
                $"The policy names other KMS keys: {MessageList.Join(otherKeys)}.",
                $"Remove them, or check the key: this check is for {keyArn}."));
        }
    }

    private static void AddBucketFindings(List<PolicyFinding> findings, List<string> resources, List<string> s3Resources, string bucketName)
    {
        string bucketArn = IcaIamPolicy.BucketArn(bucketName);
        List<string> placeholders = [.. resources.Where(ResourceArn.HasBucketPlaceholder)];
        if (placeholders.Count > 0)
        {
            findings.Add(new PolicyFinding(
                FindingSeverity.Error,
                PolicyFindingKind.Placeholder,
                $"The policy still contains the placeholder {IcaIamPolicy.BucketPlaceholder} ({MessageList.Join(placeholders)}).",
                $"Replace {IcaIamPolicy.BucketPlaceholder} with {bucketName}."));
        }

        bool bucketNamed = s3Resources.Any(r => IamGlob.Matches(r, bucketArn, ignoreCase: false));
        if (!bucketNamed && placeholders.Count == 0)
        {
            findings.Add(new PolicyFinding(
                FindingSeverity.Error,
                PolicyFindingKind.BucketNotNamed,
                $"The policy does not name your bucket {bucketArn}.",
                $"Add {bucketArn} to the Resource of the statement with the bucket actions (the spec's first statement)."));
        }

        string objectsArn = IcaIamPolicy.ObjectArn(bucketName);
        // A prefix-scoped pattern (bucket/prefix/*) names the objects too; a wildcard reaching bucket/… covers them.
        bool objectsNamed = s3Resources.Any(r =>
            r.StartsWith(bucketArn + "/", StringComparison.Ordinal) || IamGlob.Matches(r, bucketArn + "/ica", ignoreCase: false));
        if (!objectsNamed && placeholders.Count == 0)
        {
            findings.Add(new PolicyFinding(
                FindingSeverity.Error,
                PolicyFindingKind.ObjectsNotNamed,
                $"No resource names your bucket's objects ({objectsArn}).",
                $"Add {objectsArn} (or {bucketArn}/your-prefix/*) to the Resource of the statement with the object actions (the spec's second statement)."));
        }

        List<string> otherBuckets = [.. resources.Where(r =>
            ResourceArn.S3Bucket(r) is string other && other != bucketName && !IamGlob.HasWildcard(other) && !ResourceArn.HasBucketPlaceholder(r))];
        if (otherBuckets.Count > 0)
        {
            findings.Add(new PolicyFinding(
                FindingSeverity.Warning,
                PolicyFindingKind.ForeignBucket,
                $"The policy names other buckets: {MessageList.Join(otherBuckets)}.",
                $"Remove them, or check the bucket name: this check is for {bucketName}."));
        }
    }

    private static void AddBroadFinding(List<PolicyFinding> findings, ParsedStatement statement)
    {
        List<string> services = [.. new[] { "kms", "s3" }.Where(svc => statement.Actions.Any(a => ActionName.CoversService(a, svc)))];
        List<string> broad = [.. statement.Resources.Where(ResourceArn.IsBroad)];
        if (services.Count == 0 || broad.Count == 0)
        {
            return;
        }

        string names = string.Join(" and ", services.Select(ServiceSummary.NameOf));
        findings.Add(new PolicyFinding(
            FindingSeverity.Warning,
            PolicyFindingKind.BroadResource,
            $"Statement {statement.Number} allows {names} actions on {MessageList.Join(broad)}: every matching bucket or key, not only yours.",
            "Name your key ARN and your bucket's ARNs as the spec does."));
    }

    private static void AddSingleObjectFindings(List<PolicyFinding> findings, ParsedStatement statement)
    {
        bool allowsObjectActions = IcaIamPolicy.ObjectActions(PolicyVariant.Versioned).Any(statement.Allows);
        if (!allowsObjectActions)
        {
            return;
        }

        foreach (string resource in statement.Resources.Where(r => ResourceArn.IsS3Object(r) && !IamGlob.HasWildcard(r)))
        {
            string pattern = resource.EndsWith('/') ? resource + "*" : resource + "/*";
            findings.Add(new PolicyFinding(
                FindingSeverity.Warning,
                PolicyFindingKind.SingleObjectResource,
                $"{resource} names a single object, so statement {statement.Number}'s object actions reach only that object.",
                $"Write {pattern} to reach the objects under it."));
        }
    }
}
