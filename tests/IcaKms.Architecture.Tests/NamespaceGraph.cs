using Mono.Cecil;
using Mono.Cecil.Cil;

namespace IcaKms.Architecture.Tests;

/// <summary>
/// The namespace dependency graph of one assembly, read from its IL: an edge A → B for every type of namespace A that
/// names a type of namespace B in its signatures, attributes or method bodies. Each edge keeps one example (type → type)
/// so that a failure says where to look.
/// </summary>
internal sealed class NamespaceGraph
{
    private readonly Dictionary<string, Dictionary<string, string>> _edges = new(StringComparer.Ordinal);

    private NamespaceGraph()
    {
    }

    /// <summary>The namespaces of the assembly's own types.</summary>
    public IReadOnlyCollection<string> Namespaces => _edges.Keys;

    /// <summary>Reads the assembly at <paramref name="path"/>; every referenced namespace (also foreign ones) is an edge.</summary>
    public static NamespaceGraph Read(string path)
    {
        var graph = new NamespaceGraph();
        using var module = ModuleDefinition.ReadModule(path);
        foreach (var type in module.GetTypes())
        {
            var from = NamespaceOf(type);
            if (from.Length == 0 || from.StartsWith('<'))
            {
                continue;
            }

            var targets = graph.EdgesFromMutable(from);
            foreach (var used in TypesUsedBy(type))
            {
                var to = NamespaceOf(used);
                if (to.Length > 0 && to != from)
                {
                    targets.TryAdd(to, $"{OuterName(type)} → {OuterName(used)}");
                }
            }
        }

        return graph;
    }

    /// <summary>The namespaces <paramref name="from"/> depends on, each with one example.</summary>
    public IReadOnlyDictionary<string, string> EdgesFrom(string from) =>
        _edges.TryGetValue(from, out var targets) ? targets : new Dictionary<string, string>();

    /// <summary>
    /// The strongly connected components with more than one namespace (Tarjan), considering only namespaces under
    /// <paramref name="root"/> and leaving out the <paramref name="ignored"/> edges: each is a cycle.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles(string root, IReadOnlyCollection<(string From, string To)>? ignored = null)
    {
        ignored ??= [];
        bool Inside(string ns) => ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal);
        var nodes = _edges.Keys.Where(Inside).Order(StringComparer.Ordinal).ToList();
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var result = new List<IReadOnlyList<string>>();
        var counter = 0;

        void Visit(string v)
        {
            index[v] = low[v] = counter++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in _edges[v].Keys.Where(w => Inside(w) && _edges.ContainsKey(w) && !ignored.Contains((v, w))).Order(StringComparer.Ordinal))
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }

            if (low[v] == index[v])
            {
                var component = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    component.Add(w);
                }
                while (w != v);
                if (component.Count > 1)
                {
                    result.Add(component.Order(StringComparer.Ordinal).ToList());
                }
            }
        }

        foreach (var node in nodes.Where(n => !index.ContainsKey(n)))
        {
            Visit(node);
        }

        return result;
    }

    private Dictionary<string, string> EdgesFromMutable(string from)
    {
        if (!_edges.TryGetValue(from, out var targets))
        {
            targets = new Dictionary<string, string>(StringComparer.Ordinal);
            _edges[from] = targets;
        }

        return targets;
    }

    private static string NamespaceOf(TypeReference type)
    {
        while (type is TypeSpecification spec)
        {
            type = spec.ElementType;
        }

        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type.Namespace;
    }

    private static string OuterName(TypeReference type)
    {
        while (type is TypeSpecification spec)
        {
            type = spec.ElementType;
        }

        return type.FullName;
    }

    private static IEnumerable<TypeReference> TypesUsedBy(TypeDefinition type)
    {
        var found = new List<TypeReference>();
        void Add(TypeReference? t)
        {
            if (t is null)
            {
                return;
            }

            found.Add(t);
            if (t is GenericInstanceType generic)
            {
                foreach (var argument in generic.GenericArguments)
                {
                    Add(argument);
                }
            }

            if (t is TypeSpecification spec)
            {
                Add(spec.ElementType);
            }
        }

        void AddAttributes(ICustomAttributeProvider provider)
        {
            foreach (var attribute in provider.CustomAttributes)
            {
                Add(attribute.AttributeType);
            }
        }

        void AddMember(MemberReference member)
        {
            Add(member.DeclaringType);
            switch (member)
            {
                case MethodReference method:
                    Add(method.ReturnType);
                    foreach (var parameter in method.Parameters)
                    {
                        Add(parameter.ParameterType);
                    }

                    if (method is GenericInstanceMethod genericMethod)
                    {
                        foreach (var argument in genericMethod.GenericArguments)
                        {
                            Add(argument);
                        }
                    }

                    break;
                case FieldReference field:
                    Add(field.FieldType);
                    break;
            }
        }

        Add(type.BaseType);
        AddAttributes(type);
        foreach (var implemented in type.Interfaces)
        {
            Add(implemented.InterfaceType);
        }

        foreach (var field in type.Fields)
        {
            Add(field.FieldType);
            AddAttributes(field);
        }

        foreach (var property in type.Properties)
        {
            Add(property.PropertyType);
            AddAttributes(property);
        }

        foreach (var method in type.Methods)
        {
            AddMember(method);
            AddAttributes(method);
            if (!method.HasBody)
            {
                continue;
            }

            foreach (var variable in method.Body.Variables)
            {
                Add(variable.VariableType);
            }

            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference t:
                        Add(t);
                        break;
                    case MemberReference m:
                        AddMember(m);
                        break;
                }
            }
        }

        return found;
    }
}
