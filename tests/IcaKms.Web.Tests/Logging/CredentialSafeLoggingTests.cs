using IcaKms.Web.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IcaKms.Web.Tests.Logging;

public class CredentialSafeLoggingTests
{
    [Fact]
    public void Apply_RaisesConfiguredTraceToInformation_ForSignalR()
    {
        var options = new LoggerFilterOptions();
        options.Rules.Add(new LoggerFilterRule(null, "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher", LogLevel.Trace, null));

        CredentialSafeLogging.Apply(options);

        Assert.DoesNotContain(options.Rules, r => r.CategoryName!.StartsWith("Microsoft.AspNetCore.SignalR", StringComparison.Ordinal) && r.LogLevel < LogLevel.Information);
    }

    [Fact]
    public void Apply_LeavesOtherCategoriesAlone()
    {
        var options = new LoggerFilterOptions();
        options.Rules.Add(new LoggerFilterRule(null, "IcaKms", LogLevel.Debug, null));

        CredentialSafeLogging.Apply(options);

        Assert.Contains(options.Rules, r => r.CategoryName == "IcaKms" && r.LogLevel == LogLevel.Debug);
    }
}

/// <summary>The caps as the host applies them, through real logger factories configured as an operator would.</summary>
public class CredentialSafeLoggingHostTests
{
    private const string HubCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    // "Recording" is the test provider's alias, as "Console" is the console provider's.
    [Theory]
    [InlineData("Logging:LogLevel:Default")]
    [InlineData("Logging:Recording:LogLevel:Default")]
    [InlineData("Logging:Recording:LogLevel:Microsoft")]
    [InlineData("Logging:Recording:LogLevel:Microsoft.AspNetCore.SignalR")]
    [InlineData("Logging:Recording:LogLevel:" + HubCategory)]
    public void AProvider_StaysAtInformation_ForTheHubCategory_WhateverIsSetToTrace(string setting)
    {
        var recording = new RecordingLoggerProvider();
        using ServiceProvider services = Host(setting, recording);
        ILoggerFactory factory = services.GetRequiredService<ILoggerFactory>();

        ILogger hub = factory.CreateLogger(HubCategory);
        hub.LogTrace("trace-marker");
        hub.LogDebug("debug-marker");
        hub.LogInformation("information-marker");

        Assert.Equal(["information-marker"], recording.Entries.Where(m => m.Category == HubCategory).Select(m => m.Text));
    }

    [Fact]
    public void AProviderSpecificTrace_StillReachesOtherCategories()
    {
        var recording = new RecordingLoggerProvider();
        using ServiceProvider services = Host("Logging:Recording:LogLevel:Default", recording);

        services.GetRequiredService<ILoggerFactory>().CreateLogger("IcaKms.Web.Services.AwsConnection").LogTrace("app-trace-marker");

        Assert.Contains(recording.Entries, m => m.Text == "app-trace-marker");
    }

    private static ServiceProvider Host(string setting, RecordingLoggerProvider recording)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [setting] = "Trace" }).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            logging.AddConfiguration(configuration.GetSection("Logging"));
            logging.AddProvider(recording);
        });
        services.PostConfigure<LoggerFilterOptions>(CredentialSafeLogging.Apply);
        return services.BuildServiceProvider();
    }
}
