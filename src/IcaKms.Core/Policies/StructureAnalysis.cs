using System.Globalization;

namespace IcaKms.Core.Policies;

/// <summary>
/// The document-level half of the summary check: statement count, the services of the IAM Summary, the size limit,
/// and the elements the check does not analyse or IAM does not accept (Deny, NotAction, Condition, Principal, …).
/// </summary>
internal static class StructureAnalysis
{
    /// <summary>The services of the spec's policy, in the spec's order.</summary>
    public static IReadOnlyList<string> SpecServices { get; } = ["kms", "s3", "sts"];

    /// <summary>The number of statements in the spec's policy.</summary>
    public const int SpecStatementCount = 3;

    /// <summary>Findings about the document as a whole.</summary>
    public static IReadOnlyList<PolicyFinding> Analyse(ParsedPolicy policy, IReadOnlyList<ServiceSummary> services, int characterCount, PolicyVariant variant)
    {
        var findings = new List<PolicyFinding>();
        AddVersionFinding(findings, policy.Version);

        if (policy.Statements.Count != SpecStatementCount)
        {
            findings.Add(new PolicyFinding(
                FindingSeverity.Warning,
                PolicyFindingKind.StatementCount,
                $"The policy has {Count(policy.Statements.Count, "statement")}; the spec's has 3.",
                "Use the spec's three statements: KMS key and bucket actions, object actions, sts:GetFederationToken."));
        }

        AddServicesFinding(findings, services);

        if (characterCount > PolicySummary.CharacterLimit)
        {
            findings.Add(new PolicyFinding(
                FindingSeverity.Error,
                PolicyFindingKind.SizeLimit,
                string.Create(CultureInfo.InvariantCulture, $"The policy has {characterCount:N0} characters (whitespace not counted); IAM allows at most {PolicySummary.CharacterLimit:N0}."),
                "Remove what the spec does not need, or split the policy into two managed policies."));
        }

        foreach (string name in policy.UnknownElements)
        {
            findings.Add(UnknownElement(name, "at the top level"));
        }

        IReadOnlyList<string> required = SpecActions.Required(variant);
        foreach (ParsedStatement statement in policy.Statements)
        {
            AddStatementFindings(findings, statement, required);
        }

        return findings;
    }

    private static void AddStatementFindings(List<PolicyFinding> findings, ParsedStatement statement, IReadOnlyList<string> required)
    {
        int n = statement.Number;
        if (statement.Effect is not ("Allow" or "Deny"))
        {
            findings.Add(new PolicyFinding(
                FindingSeverity.Error,
                PolicyFindingKind.InvalidElement,
                $"Statement {n}: \"Effect\" is \"{statement.Effect}\"; IAM accepts only \"Allow\" or \"Deny\", written exactly so.",
                $"Write \"{(statement.IsAllow ? "Allow" : "Deny")}\"."));
        }

        if (!statement.IsAllow)
        {
            List<string> blocked = statement.IsNotAction
                ? []
                : [.. required.Where(a => statement.Actions.Any(p => IamGlob.Matches(p, a, ignoreCase: true)))];
            string what = blocked.Count > 0 ? $" of {MessageList.Join(blocked)}, which ICA needs" : string.Empty;
            findings.Add(new PolicyFinding(
                FindingSeverity.Warning,
                PolicyFindingKind.DenyStatement,
                $"Statement {n} is a Deny{what}: check that it does not block ICA.",
                "Remove it, or make sure its resources and conditions leave ICA's bucket and key alone."));
        }

        if (statement.IsNotAction || statement.IsNotResource)
        {
            string elements = string.Join(" and ", new[] { statement.IsNotAction ? "NotAction" : null, statement.IsNotResource ? "NotResource" : null }.OfType<string>());
            findings.Add(new PolicyFinding(
                FindingSeverity.Warning,
                PolicyFindingKind.NotAnalysed,
                $"Statement {n} uses {elements}, which this check does not analyse: what it {(statement.IsAllow ? "allows is not counted" : "denies is not checked")}.",
                "List actions and resources explicitly as the spec does, or review this statement by hand."));
        }

        if (statement.HasCondition)
        {
            findings.Add(new PolicyFinding(
                FindingSeverity.Info,
                PolicyFindingKind.Condition,
                $"Statement {n} has a Condition, which this check does not evaluate: it may limit what the statement grants.",
                "Make sure the condition holds for ICA's requests, or remove it."));
        }

        if (statement.HasPrincipal)
        {
            findings.Add(new PolicyFinding(
                FindingSeverity.Error,
                PolicyFindingKind.Principal,
                $"Statement {n} has a Principal: an IAM identity policy must not name one (this looks like a key or bucket policy).",
                "Remove Principal and attach the policy to ICA's IAM user instead."));
        }

        foreach (string name in statement.UnknownElements)
        {
            findings.Add(UnknownElement(name, $"in statement {n}"));
        }
    }

    private static void AddVersionFinding(List<PolicyFinding> findings, string? version)
    {
        const string Fix = "Write \"Version\": \"2012-10-17\" as the spec does.";
        if (version == PolicyDocument.CurrentVersion)
        {
            return;
        }

        if (version is null or "2008-10-17")
        {
            string what = version is null ? "has no \"Version\"" : "uses the old \"Version\" 2008-10-17";
            findings.Add(new PolicyFinding(
                FindingSeverity.Info,
                PolicyFindingKind.Version,
                $"The policy {what}: IAM then reads it without policy variables, which the spec's policy does not use.",
                Fix));
            return;
        }

        findings.Add(new PolicyFinding(
            FindingSeverity.Error,
            PolicyFindingKind.Version,
            $"\"Version\" is \"{version}\": IAM accepts only \"2012-10-17\" or \"2008-10-17\".",
            Fix));
    }

    private static void AddServicesFinding(List<PolicyFinding> findings, IReadOnlyList<ServiceSummary> services)
    {
        List<string> missing = [.. SpecServices.Where(svc => !services.Any(s => IamGlob.Matches(s.Prefix, svc, ignoreCase: true)))];
        List<ServiceSummary> extra = [.. services.Where(s => !SpecServices.Contains(s.Prefix, StringComparer.Ordinal))];
        if (missing.Count == 0 && extra.Count == 0)
        {
            return;
        }

        string listed = services.Count == 0 ? "none" : MessageList.Join([.. services.Select(s => s.Name)]);
        string fix = missing.Count > 0
            ? $"Allow the spec's {string.Join(", ", missing.Select(ServiceSummary.NameOf))} actions."
            : extra.Any(s => s.Prefix == "*")
                ? "Replace the action \"*\" with the spec's KMS, S3 and STS actions."
                : $"Remove the {MessageList.Join([.. extra.Select(s => s.Name)])} actions: ICA does not need them.";
        findings.Add(new PolicyFinding(
            missing.Count > 0 ? FindingSeverity.Error : FindingSeverity.Warning,
            PolicyFindingKind.Services,
            $"The spec expects 3 permissions in the IAM Summary: KMS, S3 and STS; this policy lists {Count(services.Count, "service")}: {listed}.",
            fix));
    }

    private static PolicyFinding UnknownElement(string name, string where) => new(
        FindingSeverity.Error,
        PolicyFindingKind.InvalidElement,
        $"Unknown element \"{name}\" {where}: IAM rejects the policy.",
        "Remove it or correct its spelling (element names are case-sensitive).");

    private static string Count(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? string.Empty : "s")}");
}
