using IcaKms.Web.Logging;
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
