namespace IcaKms.Web.Logging;

/// <summary>
/// Keeps what users type out of the logs whatever level an operator configures. At Debug and below, SignalR logs
/// every hub message in full, and Blazor's browser events travel as hub messages: a pasted secret access key would
/// be written to the log. These categories are therefore capped at Information, overriding configuration.
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

    /// <summary>Caps every rule touching <see cref="EchoingCategories"/> at Information, and adds a cap for each.</summary>
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

        foreach (string category in EchoingCategories)
        {
            options.Rules.Add(new LoggerFilterRule(null, category, LogLevel.Information, null));
        }
    }

    private static bool Echoes(string category) =>
        EchoingCategories.Any(c => category.StartsWith(c, StringComparison.Ordinal));
}
