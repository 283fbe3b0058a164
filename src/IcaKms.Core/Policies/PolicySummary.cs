namespace IcaKms.Core.Policies;

/// <summary>
/// The result of <see cref="PolicySummaryCheck"/>: what an IAM policy grants, grouped like the IAM console's
/// Summary, compared with the spec's policy for one variant. When <see cref="InputProblem"/> is set the text was
/// not a policy: every other part is empty or zero and the verdict is <see cref="CheckState.Fail"/>.
/// </summary>
public sealed record PolicySummary
{
    /// <summary>IAM's limit for a managed policy, in characters not counting whitespace.</summary>
    public const int CharacterLimit = 6144;

    /// <summary>The variant the policy was checked against.</summary>
    public PolicyVariant Variant { get; init; }

    /// <summary>Why the text could not be read as a policy (empty, not UTF-8, not JSON, no statements, …); null when it could.</summary>
    public string? InputProblem { get; init; }

    /// <summary>The number of statements.</summary>
    public int StatementCount { get; init; }

    /// <summary>The services the policy allows, one per service prefix in first-seen order (the spec's: KMS, S3, STS).</summary>
    public IReadOnlyList<ServiceSummary> Services { get; init; } = [];

    /// <summary>Every action the spec requires for <see cref="Variant"/>, in the spec's order, and whether the policy allows it.</summary>
    public IReadOnlyList<RequiredActionCheck> RequiredActions { get; init; } = [];

    /// <summary>Actions allowed only on resources they do not act on.</summary>
    public IReadOnlyList<MisplacedAction> MisplacedActions { get; init; } = [];

    /// <summary>Allowed actions (as written, wildcards included) that the spec does not require for <see cref="Variant"/>.</summary>
    public IReadOnlyList<string> ExtraActions { get; init; } = [];

    /// <summary>The size as IAM counts it: every character except whitespace outside JSON strings.</summary>
    public int CharacterCount { get; init; }

    /// <summary>Everything wrong or worth knowing, errors first.</summary>
    public IReadOnlyList<PolicyFinding> Findings { get; init; } = [];

    /// <summary>One readable line per difference from the spec's policy for <see cref="Variant"/> (statements, actions, resources).</summary>
    public IReadOnlyList<string> DifferencesFromSpec { get; init; } = [];

    /// <summary>Fail on an input problem or any error, Warning on any warning, else Pass.</summary>
    public CheckState Verdict =>
        InputProblem is not null || Findings.Any(f => f.Severity == FindingSeverity.Error) ? CheckState.Fail
        : Findings.Any(f => f.Severity == FindingSeverity.Warning) ? CheckState.Warning
        : CheckState.Pass;

    /// <summary>The required actions the policy does not allow at all.</summary>
    public IReadOnlyList<string> MissingActions => [.. RequiredActions.Where(c => !c.Present).Select(c => c.Action)];

    /// <summary>True when the policy fits IAM's size limit.</summary>
    public bool IsWithinCharacterLimit => CharacterCount <= CharacterLimit;

    /// <summary>A summary for text that is not a policy.</summary>
    internal static PolicySummary NotAPolicy(PolicyVariant variant, string problem) => new() { Variant = variant, InputProblem = problem };
}
