namespace IcaKms.Core.Policies.Evaluation;

/// <summary>
/// A three-valued answer with its reasons: the statements that make it true, or the conditions that leave it open.
/// AND and OR carry the reasons along with the values.
/// </summary>
internal sealed record Part(Tri Value, IReadOnlyList<StatementRef> Because, IReadOnlyList<OpenCondition> Open)
{
    public static Part No { get; } = new(Tri.No, [], []);

    public static Part Yes(params IReadOnlyList<StatementRef> because) => new(Tri.Yes, because, []);

    public static Part Or(IEnumerable<Part> parts)
    {
        var open = new List<OpenCondition>();
        foreach (Part part in parts)
        {
            if (part.Value == Tri.Yes)
            {
                return part;
            }

            if (part.Value == Tri.Unknown)
            {
                open.AddRange(part.Open);
            }
        }

        return open.Count > 0 ? new Part(Tri.Unknown, [], open) : No;
    }

    public static Part Or(params Part[] parts) => Or((IEnumerable<Part>)parts);

    public static Part And(Part a, Part b)
    {
        Tri value = TriLogic.And(a.Value, b.Value);
        return value switch
        {
            Tri.No => No,
            Tri.Yes => new Part(Tri.Yes, [.. a.Because, .. b.Because], []),
            _ => new Part(Tri.Unknown, [.. a.Because, .. b.Because], [.. a.Open, .. b.Open]),
        };
    }
}
