using System.Security.Cryptography;
using System.Text;
using IcaKms.Core.Applying;
using IcaKms.Web.Components.Shared;
using IcaKms.Web.Services;
using IcaKms.Web.Tests.Live;
using IcaKms.Web.Tests.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MudBlazor;

namespace IcaKms.Web.Tests.Portal;

/// <summary>The audit event of an applied change: its own category, every field, and no secret.</summary>
public class ChangeAuditTests : WizardTestContext
{
    private readonly RecordingLoggerProvider _logs = new();

    public ChangeAuditTests() => Services.AddSingleton<ILoggerProvider>(_logs);

    private IReadOnlyList<RecordedLog> AuditEvents => [.. _logs.Entries.Where(e => e.Category == ChangeAudit.Category)];

    [Fact]
    public async Task ApplyingAChange_WritesOneAuditEvent_WithThePortalUserAndEveryField()
    {
        Services.GetRequiredService<CircuitUser>().SignIn("alice@example.org", null);
        await ApplyPrefixFolderAsync();

        RecordedLog audit = Assert.Single(AuditEvents);
        Assert.Equal(LogLevel.Information, audit.Level);
        Assert.Equal("ChangeApplied", audit.EventId.Name);
        Assert.Equal(ChangeOutcome.Done, audit.Fields["Outcome"]);
        Assert.Equal("s3:PutObject", audit.Fields["Action"]);
        Assert.Equal($"{SampleAccount.Bucket}/ica/", audit.Fields["Resource"]);
        Assert.Equal("alice@example.org", audit.Fields["PortalUser"]);
        Assert.Equal($"arn:aws:sts::{SampleAccount.Account}:assumed-role/admin/{InMemoryAws.GoodKeyPrefix}AAAAAAAA", audit.Fields["Principal"]);
        Assert.IsType<DateTimeOffset>(audit.Fields["At"]);
        Assert.Equal("none", audit.Fields["BeforeDigest"]);
        Assert.Equal("none", audit.Fields["AfterDigest"]);
        Assert.False(string.IsNullOrEmpty((string?)audit.Fields["Message"]));
        Assert.StartsWith("IcaKms change Done: s3:PutObject on lab-ica-data/ica/ by alice@example.org as arn:aws:sts::", audit.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(_logs.Entries, e => e.Text.Contains(Secret, StringComparison.Ordinal) || e.Text.Contains(Token, StringComparison.Ordinal)
            || e.Fields.Values.Any(v => v?.ToString()?.Contains(Secret, StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task WithoutSignIn_TheAuditNamesTheUserAnonymous()
    {
        await ApplyPrefixFolderAsync();

        Assert.Equal(ChangeAudit.Anonymous, Assert.Single(AuditEvents).Fields["PortalUser"]);
    }

    [Fact]
    public void Record_GivesTheDocumentsAsFullSha256Digests_NeverTheirText()
    {
        const string before = """{"Version":"2012-10-17","Statement":[{"Sid":"Before"}]}""";
        const string after = """{"Version":"2012-10-17","Statement":[{"Sid":"Before"},{"Sid":"Allow cross account access"}]}""";
        var change = new MergeKeyPolicyChange(KeyArn, "arn:aws:iam::079623148045:role/ica_use1_crossacct") { Before = before, After = after };
        var applied = new AppliedChange(change, ChangeOutcome.Failed, "AccessDeniedException on kms:PutKeyPolicy", "arn:aws:iam::123456789012:user/admin", DateTimeOffset.UnixEpoch);

        Services.GetRequiredService<ChangeAudit>().Record(applied, new PortalUser("carol@example.org", null, "10.0.0.9"));

        RecordedLog audit = Assert.Single(AuditEvents);
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(before))), audit.Fields["BeforeDigest"]);
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(after))), audit.Fields["AfterDigest"]);
        Assert.Equal(ChangeOutcome.Failed, audit.Fields["Outcome"]);
        Assert.Equal("kms:PutKeyPolicy", audit.Fields["Action"]);
        Assert.Equal(KeyArn, audit.Fields["Resource"]);
        Assert.DoesNotContain("Allow cross account access", audit.Text, StringComparison.Ordinal);
    }

    private async Task ApplyPrefixFolderAsync()
    {
        await PlanPrefixFolderAsync();
        await AwsApply.ApplyAsync(PlanScope.Bucket);
        Assert.Contains("s3:PutObject lab-ica-data/ica/", Aws.Writes);
    }
}

/// <summary>A signed-in user without the apply claim: the buttons say why, and the session refuses the write itself.</summary>
public class ApplyRefusalTests : WizardTestContext
{
    private const string Refusal = "Applying changes needs the icakms-appliers groups claim.";

    [Fact]
    public async Task WithoutTheApplyClaim_ApplyAndVerifyAreDisabled_WithTheReason()
    {
        Services.GetRequiredService<CircuitUser>().SignIn("carol@example.org", Refusal);
        await PlanPrefixFolderAsync();

        IRenderedComponent<PlanPanel> panel = Render<PlanPanel>(p => p.Add(x => x.Scope, PlanScope.Bucket).Add(x => x.Title, "Create or fix the bucket"));

        Assert.True(panel.FindAll("button").Single(b => b.TextContent.Contains("Apply 1 change", StringComparison.Ordinal)).HasAttribute("disabled"));
        Assert.True(panel.FindAll("button").Single(b => b.TextContent.Contains("Verify with a test write", StringComparison.Ordinal)).HasAttribute("disabled"));
        Assert.Equal(Refusal, panel.Find("[data-testid=apply-refusal]").TextContent);
    }

    [Fact]
    public async Task WithoutTheApplyClaim_TheSessionWritesNothing_EvenWhenAskedDirectly()
    {
        Services.GetRequiredService<CircuitUser>().SignIn("carol@example.org", Refusal);
        await PlanPrefixFolderAsync();

        await AwsApply.ApplyAsync(PlanScope.Bucket);
        await AwsApply.VerifyAsync();

        Assert.Empty(Aws.Writes);
        Assert.Empty(Recorder.History);
        Assert.NotNull(AwsApply.PlanOf(PlanScope.Bucket));
    }

    [Fact]
    public async Task WithTheApplyClaim_TheSameApplyWrites()
    {
        Services.GetRequiredService<CircuitUser>().SignIn("alice@example.org", null);
        await PlanPrefixFolderAsync();

        await AwsApply.ApplyAsync(PlanScope.Bucket);

        Assert.Contains("s3:PutObject lab-ica-data/ica/", Aws.Writes);
    }
}
