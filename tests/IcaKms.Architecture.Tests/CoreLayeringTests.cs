using System.Text;
using IcaKms.Core;

namespace IcaKms.Architecture.Tests;

/// <summary>
/// Core's layering (DESIGN.md "Rules of the house"): dependencies point one way, front ends → adapters → domain. The
/// domain is every namespace of IcaKms.Core outside <see cref="AdapterRoot"/>. The graph is read from IL, so a
/// reference to another namespace's <c>const</c> (inlined by the compiler) or a doc comment's <c>cref</c> is not seen.
/// </summary>
public sealed class CoreLayeringTests
{
    private const string CoreRoot = "IcaKms.Core";
    private const string AdapterRoot = "IcaKms.Core.Adapters";

    /// <summary>What the domain must not reference: the AWS SDK, HTTP, and the adapters that sit around it.</summary>
    private static readonly string[] ForbiddenInDomain = ["Amazon", "System.Net.Http", "Microsoft.Extensions.Http", "Polly", AdapterRoot];

    private static readonly Lazy<NamespaceGraph> Graph = new(() => NamespaceGraph.Read(typeof(CheckState).Assembly.Location));

    [Fact]
    public void CoreNamespaces_HaveNoCycle_WhenReadFromTheirTypes()
    {
        var cycles = Graph.Value.Cycles(CoreRoot);

        Assert.True(cycles.Count == 0, Describe(cycles));
    }

    [Fact]
    public void CoreNamespaces_AreSeen_WhenTheGraphIsRead()
    {
        // Guards the rules of this class against passing on an empty graph (a wrong assembly or a broken reader).
        Assert.Contains("IcaKms.Core.Policies", Graph.Value.Namespaces);
        Assert.Contains("IcaKms.Core.Checks", Graph.Value.Namespaces);
        Assert.Contains("IcaKms.Core.Policies", Graph.Value.EdgesFrom("IcaKms.Core.Checks").Keys);
    }

    [Fact]
    public void DomainNamespaces_ReferenceNoSdkHttpOrAdapter_WhenReadFromTheirTypes()
    {
        var violations = new List<string>();
        foreach (var ns in Graph.Value.Namespaces.Where(IsDomain).Order(StringComparer.Ordinal))
        {
            foreach (var (target, example) in Graph.Value.EdgesFrom(ns).OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                if (ForbiddenInDomain.Any(f => target == f || target.StartsWith(f + ".", StringComparison.Ordinal)))
                {
                    violations.Add($"{ns} → {target} (e.g. {example})");
                }
            }
        }

        Assert.True(violations.Count == 0, "The domain references the SDK, HTTP or an adapter:\n  " + string.Join("\n  ", violations));
    }

    private static bool IsDomain(string ns) =>
        (ns == CoreRoot || ns.StartsWith(CoreRoot + ".", StringComparison.Ordinal))
        && ns != AdapterRoot && !ns.StartsWith(AdapterRoot + ".", StringComparison.Ordinal);

    private static string Describe(IReadOnlyList<IReadOnlyList<string>> cycles)
    {
        var text = new StringBuilder($"{cycles.Count} cycle(s) between Core's namespaces:");
        foreach (var cycle in cycles)
        {
            text.Append("\n  {").Append(string.Join(", ", cycle)).Append('}');
            foreach (var from in cycle)
            {
                foreach (var to in cycle.Where(to => Graph.Value.EdgesFrom(from).ContainsKey(to)))
                {
                    text.Append("\n    ").Append(from).Append(" → ").Append(to).Append("  (e.g. ").Append(Graph.Value.EdgesFrom(from)[to]).Append(')');
                }
            }
        }

        return text.ToString();
    }
}
