namespace IcaKms.Web.Logging;

/// <summary>
/// Keeps what users type out of the logs whatever level an operator configures. At Debug and below, SignalR logs
/// every hub message in full, and Blazor's browser events and interop results travel as hub messages. Credentials no
/// longer travel there at all (see <c>CredentialHandoff</c>), but other things users type do, so these categories are
/// capped at Information whatever the configuration says: for every provider, including provider-specific settings
/// such as <c>Logging:Console:LogLevel:Default=Trace</c>, which would otherwise win over a cap without a provider.
/// </summary>
internal static class CredentialSafeLogging
{
    /// <summary>Categories whose verbose levels echo the browser's messages (field values, JS interop results).</summary>
    public static IReadOnlyList<string> EchoingCategories { get; } =
    [
        "Microsoft.AspNetCore.SignalR",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Components.Server",
    ];

    /// <summary>Caps every rule touching <see cref="EchoingCategories"/> at Information, and adds a cap for each category and provider.</summary>
    public static void Apply(LoggerFilterOptions options)
    {
        for (int i = 0; i < options.Rules.Count; i++)
        {
            LoggerFilterRule rule = options.Rules[i];
            if (rule.CategoryName is { } category && Echoes(category) && rule.LogLevel is < LogLevel.Information)
            {
                options.Rules[i] = new LoggerFilterRule(rule.ProviderName, category, LogLevel.Information, rule.Filter);
            }
        }

        // A provider-specific rule beats every rule without a provider, so each provider named in the rules gets its own cap.
        string?[] providers = [null, .. options.Rules.Select(r => r.ProviderName).Where(p => p is not null).Distinct(StringComparer.Ordinal)];
        foreach (string? provider in providers)
        {
            foreach (string category in EchoingCategories)
            {
                options.Rules.Add(new LoggerFilterRule(provider, category, LogLevel.Information, null));
            }
        }
    }

    private static bool Echoes(string category) =>
        EchoingCategories.Any(c => category.StartsWith(c, StringComparison.Ordinal));
}
