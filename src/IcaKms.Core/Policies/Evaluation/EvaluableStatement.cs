namespace IcaKms.Core.Policies.Evaluation;

/// <summary>One statement of a policy, with every element the evaluator reads.</summary>
public sealed record EvaluableStatement
{
    /// <summary>Its position in the policy, from 1.</summary>
    public required int Number { get; init; }

    /// <summary>Its <c>Sid</c>, or null.</summary>
    public string? Sid { get; init; }

    /// <summary>True for <c>Allow</c>, false for <c>Deny</c>.</summary>
    public required bool IsAllow { get; init; }

    /// <summary>The <c>Principal</c> or <c>NotPrincipal</c>; null in identity policies.</summary>
    public PrincipalElement? Principal { get; init; }

    /// <summary>The <c>Action</c> (or, when <see cref="IsNotAction"/>, <c>NotAction</c>) patterns.</summary>
    public required IReadOnlyList<string> Actions { get; init; }

    /// <summary>True for <c>NotAction</c>.</summary>
    public bool IsNotAction { get; init; }

    /// <summary>The <c>Resource</c> (or <c>NotResource</c>) patterns; null when the statement has neither (read as <c>"*"</c>, e.g. in key policies).</summary>
    public IReadOnlyList<string>? Resources { get; init; }

    /// <summary>True for <c>NotResource</c>.</summary>
    public bool IsNotResource { get; init; }

    /// <summary>The <c>Condition</c> clauses, all of which must hold.</summary>
    public IReadOnlyList<ConditionClause> Conditions { get; init; } = [];

    /// <summary>How messages name it: <c>'Sid'</c>, or <c>#n</c> without a Sid.</summary>
    public string Label => string.IsNullOrWhiteSpace(Sid) ? $"#{Number}" : $"'{Sid}'";
}
