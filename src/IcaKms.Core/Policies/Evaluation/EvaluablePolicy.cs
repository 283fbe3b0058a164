namespace IcaKms.Core.Policies.Evaluation;

/// <summary>A policy document read for evaluation, with how messages name it.</summary>
/// <param name="Name">How messages name the policy, e.g. "the key policy", "inline policy x of user y".</param>
/// <param name="Source">What kind of policy it is.</param>
/// <param name="Statements">Its statements, in order.</param>
public sealed record EvaluablePolicy(string Name, PolicySource Source, IReadOnlyList<EvaluableStatement> Statements)
{
    /// <summary>Reads a policy document; null with the reason when it is not one (see <see cref="PolicyDocumentReader"/>).</summary>
    public static EvaluablePolicy? Read(string name, PolicySource source, string? json, out string? problem)
    {
        IReadOnlyList<EvaluableStatement>? statements = PolicyDocumentReader.Read(json, out problem);
        return statements is null ? null : new EvaluablePolicy(name, source, statements);
    }
}
