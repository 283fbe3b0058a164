namespace IcaKms.Core.Policies;

/// <summary>An IAM policy document: a version and its statements, in order.</summary>
public sealed record PolicyDocument
{
    /// <summary>The policy language version every current policy uses.</summary>
    public const string CurrentVersion = "2012-10-17";

    /// <summary>The policy language version.</summary>
    public string Version { get; init; } = CurrentVersion;

    /// <summary>The statements, in the order they are written.</summary>
    public required IReadOnlyList<PolicyStatement> Statement { get; init; }
}
