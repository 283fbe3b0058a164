namespace IcaKms.Core.Policies;

/// <summary>
/// One line of the IAM console's policy Summary: a service, the actions a policy allows on it and the
/// resources they apply to. The spec's policy has three: KMS, S3 and STS.
/// </summary>
/// <param name="Prefix">The service prefix in lower case (<c>kms</c>, <c>s3</c>, <c>sts</c>; <c>*</c> for all services).</param>
/// <param name="Name">The name the Summary shows (<c>KMS</c>, <c>S3</c>, <c>STS</c>, <c>All services</c>, else the upper-cased prefix).</param>
/// <param name="Actions">The allowed actions of the service as written, without duplicates, in first-seen order.</param>
/// <param name="Resources">The resources those actions are paired with that can belong to the service, in first-seen order.</param>
public sealed record ServiceSummary(string Prefix, string Name, IReadOnlyList<string> Actions, IReadOnlyList<string> Resources)
{
    /// <summary>The name the IAM Summary shows for a service prefix.</summary>
    public static string NameOf(string prefix) => prefix.ToLowerInvariant() switch
    {
        "kms" => "KMS",
        "s3" => "S3",
        "sts" => "STS",
        "*" => "All services",
        _ => prefix.ToUpperInvariant(),
    };

    /// <summary>Groups the actions of the policy's Allow statements by service, the way the IAM console's Summary does.</summary>
    internal static IReadOnlyList<ServiceSummary> Group(ParsedPolicy policy)
    {
        var services = new Dictionary<string, Grouping>(StringComparer.Ordinal);
        var order = new List<Grouping>();
        foreach (ParsedStatement statement in policy.AllowStatements)
        {
            List<(string Resource, string? Service)> statementResources = statement.IsNotResource
                ? []
                : [.. statement.Resources.Select(r => (r, ResourceArn.ServiceOf(r)))];
            var pairedInStatement = new HashSet<string>(StringComparer.Ordinal);
            foreach (string action in statement.Actions.Where(ActionName.IsValid))
            {
                string prefix = ActionName.PrefixOf(action);
                if (!services.TryGetValue(prefix, out Grouping? service))
                {
                    services[prefix] = service = new Grouping(prefix);
                    order.Add(service);
                }

                service.AddAction(action);
                if (pairedInStatement.Add(prefix))
                {
                    service.AddResources(statementResources);
                }
            }
        }

        return [.. order.Select(g => new ServiceSummary(g.Prefix, NameOf(g.Prefix), g.Actions, g.Resources))];
    }

    /// <summary>One service's actions and resources while grouping; sets keep it linear for any input size.</summary>
    private sealed class Grouping(string prefix)
    {
        private readonly HashSet<string> _actionSet = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _resourceSet = new(StringComparer.Ordinal);

        public string Prefix { get; } = prefix;

        public List<string> Actions { get; } = [];

        public List<string> Resources { get; } = [];

        public void AddAction(string action)
        {
            if (_actionSet.Add(action))
            {
                Actions.Add(action);
            }
        }

        public void AddResources(List<(string Resource, string? Service)> resources)
        {
            foreach ((string resource, string? service) in resources)
            {
                if (AppliesTo(service) && _resourceSet.Add(resource))
                {
                    Resources.Add(resource);
                }
            }
        }

        /// <summary>True when a resource of that service can belong to this one: <c>"*"</c>, or an ARN of this service.</summary>
        private bool AppliesTo(string? service) => service switch
        {
            null => false,
            "*" => true,
            _ => IamGlob.Matches(Prefix, service, ignoreCase: true),
        };
    }
}
