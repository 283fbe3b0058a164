namespace IcaKms.Core.Policies;

/// <summary>One statement as read from pasted text: every element the check looks at, tolerant of IAM's shapes.</summary>
internal sealed record ParsedStatement
{
    /// <summary>The statement's position, from 1, as messages name it.</summary>
    public required int Number { get; init; }

    /// <summary>True for <c>Allow</c>, false for <c>Deny</c> (compared case-insensitively).</summary>
    public required bool IsAllow { get; init; }

    /// <summary>The <c>Effect</c> as written.</summary>
    public required string Effect { get; init; }

    /// <summary>The <c>Action</c> or, when <see cref="IsNotAction"/>, the <c>NotAction</c> values.</summary>
    public required PolicyValues Actions { get; init; }

    /// <summary>True when the statement uses <c>NotAction</c>.</summary>
    public bool IsNotAction { get; init; }

    /// <summary>The <c>Resource</c> or, when <see cref="IsNotResource"/>, the <c>NotResource</c> values.</summary>
    public required PolicyValues Resources { get; init; }

    /// <summary>True when the statement uses <c>NotResource</c>.</summary>
    public bool IsNotResource { get; init; }

    /// <summary>True when the statement has <c>Principal</c> or <c>NotPrincipal</c>.</summary>
    public bool HasPrincipal { get; init; }

    /// <summary>True when the statement has a <c>Condition</c>.</summary>
    public bool HasCondition { get; init; }

    /// <summary>Element names IAM does not know.</summary>
    public IReadOnlyList<string> UnknownElements { get; init; } = [];

    /// <summary>True when the statement allows the actions it lists (an <c>Allow</c> with <c>Action</c>).</summary>
    public bool AllowsListedActions => IsAllow && !IsNotAction;

    /// <summary>True when the statement allows listed actions on listed resources: the only shape analysed in full.</summary>
    public bool AllowsListedActionsOnListedResources => AllowsListedActions && !IsNotResource;

    /// <summary>True when an allowed action pattern of this statement matches the action.</summary>
    public bool Allows(string action) => AllowsListedActions && Actions.Any(pattern => IamGlob.Matches(pattern, action, ignoreCase: true));
}
