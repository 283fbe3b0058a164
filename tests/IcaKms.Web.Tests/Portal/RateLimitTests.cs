using IcaKms.Web.Components.Wizard;
using IcaKms.Web.Services;
using IcaKms.Web.Tests.Live;
using Microsoft.Extensions.DependencyInjection;

namespace IcaKms.Web.Tests.Portal;

/// <summary>The per-user limits on inspections and credential checks, as the circuit applies them.</summary>
public class RateLimitTests() : WizardTestContext(new Dictionary<string, string?>
{
    ["IcaKms:RateLimits:InspectionsPerMinute"] = "1",
    ["IcaKms:RateLimits:CredentialChecksPerMinute"] = "2",
})
{
    [Fact]
    public async Task AnInspectionPastTheLimit_IsNotStarted_AndThePanelSaysWhyAndWhen()
    {
        Assert.Null(await ConnectAsync());
        OnDispatcher(() => State.SetBucketName(SampleAccount.Bucket));
        IRenderedComponent<BucketLivePanel> panel = Render<BucketLivePanel>();
        await Renderer.Dispatcher.InvokeAsync(Inspection.InspectAsync);
        int calls = Aws.Calls.Count;

        await Renderer.Dispatcher.InvokeAsync(Inspection.InspectAsync);

        Assert.Equal(calls, Aws.Calls.Count);
        panel.WaitForAssertion(() => Assert.Matches(
            "^Too many inspections in a minute from you: .* Try again in \\d+ seconds\\.$",
            panel.Find("[data-testid=inspection-refusal]").TextContent));
    }

    [Fact]
    public void TheLimitCountsPerUser_SoAnotherUserStillInspects()
    {
        var limits = Services.GetRequiredService<PerUserRateLimits>();
        var alice = new PortalUser("alice@example.org", null, "10.0.0.1");

        Assert.Null(limits.TakeInspection(alice));
        Assert.NotNull(limits.TakeInspection(alice));
        Assert.NotNull(limits.TakeInspection(alice with { ClientAddress = "10.0.0.2" }));
        Assert.Null(limits.TakeInspection(new PortalUser("carol@example.org", null, "10.0.0.1")));
        Assert.Null(limits.TakeInspection(new PortalUser(null, null, "10.0.0.3")));
        Assert.NotNull(limits.TakeInspection(new PortalUser(null, null, "10.0.0.3")));
    }

    [Fact]
    public async Task ACredentialCheckPastTheLimit_AsksNothingOfAwsOrTheBrowser_AndSaysWhy()
    {
        Assert.Null(await ConnectAsync());
        Assert.Null(await ConnectAsync());
        int stsCalls = Aws.CallsTo("sts:GetCallerIdentity");

        string? refused = await Connection.ConnectWithTypedCredentialsAsync(default);

        Assert.StartsWith("Too many credential checks in a minute from you", refused, StringComparison.Ordinal);
        Assert.Equal(stsCalls, Aws.CallsTo("sts:GetCallerIdentity"));
        Assert.Equal(0, Services.GetRequiredService<CredentialHandoff>().OpenCount);
    }
}

/// <summary>Without configuration nothing is limited, as before the portal had limits.</summary>
public class NoRateLimitTests : WizardTestContext
{
    [Fact]
    public async Task WithoutConfiguration_InspectionsAreNotLimited()
    {
        Assert.Null(await ConnectAsync());
        OnDispatcher(() => State.SetBucketName(SampleAccount.Bucket));

        for (int i = 0; i < 30; i++)
        {
            await Inspection.InspectAsync();
        }

        Assert.Null(Inspection.InspectionRefusal);
    }
}
