using IcaKms.Core.Applying;
using IcaKms.Core.Aws;
using IcaKms.Core.Ica;
using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Planning.Rotation;
using IcaKms.FakeIca;
using IcaKms.Web.Components.Ica;
using IcaKms.Web.Services;
using IcaKms.Web.Services.Rotation;
using IcaKms.Web.Tests.Live;
using IcaKms.Web.Tests.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IcaKms.Web.Tests.Ica;

/// <summary>Step 3's rotation panel (issue 22) against the in-memory IAM and the loopback fake ICA.</summary>
public sealed class IcaRotationPanelTests : WizardTestContext
{
    private const string User = "ica-storage";
    private const string OldKey = "AKIAOLDKEY0000000001";
    private const string OldSecret = "OldSecretOfTheIcaUser/0123456789abcdefGH";
    private const string NoApplyClaim = "Applying changes needs the icakms-appliers groups claim.";
    private readonly RecordingLoggerProvider _logs = new();

    public IcaRotationPanelTests()
        : this(FakeIcaServer.StartAsync().GetAwaiter().GetResult())
    {
    }

    private IcaRotationPanelTests(FakeIcaServer ica)
        // No wait for IAM after a deactivation here: Core's IamPropagationTests hold the wait, on a fake clock.
        : base(new Dictionary<string, string?> { ["IcaKms:IcaApiUrl"] = ica.Url.ToString(), ["IcaKms:IamPropagationWait"] = "00:00:00" })
    {
        FakeIca = ica;
        Services.AddSingleton(_ => ica);
        Services.AddSingleton<ILoggerProvider>(_logs);
    }

    private FakeIcaServer FakeIca { get; }

    private IcaRotation Rotation => Services.GetRequiredService<IcaRotation>();

    [Fact]
    public async Task Rotation_Whole_EndsWithTheNewKeyValidatedInIcaTheOldOneGoneAndOneAuditRecordPerStep()
    {
        FakeIcaConfiguration configuration = await ArrangeAsync();
        IRenderedComponent<IcaApiPanel> panel = RenderPlanned();
        panel.WaitForAssertion(() => Assert.Equal(3, panel.FindAll("[data-testid=rotation-step]").Count));
        Assert.Contains(OldKey, panel.Markup, StringComparison.Ordinal);

        Click(panel, "Rotate…");
        Click(panel, "Confirm and rotate");
        panel.WaitForAssertion(() => panel.Find("[data-testid=ica-validation-ok]"), TimeSpan.FromSeconds(15));
        panel.WaitForAssertion(() => Assert.Contains("stays active until you retire it", panel.Find("[data-testid=rotation-state]").TextContent, StringComparison.Ordinal));
        string newKey = Assert.Single(Aws.AccessKeys, k => k != OldKey);
        FakeIcaCredential held = Assert.Single(FakeIca.Credentials);
        Assert.Equal((newKey, FakeIcaServer.DigestOf(InMemoryAws.NewAccessKeySecret)), (held.AccessKeyId, held.SecretDigest));
        Assert.Equal(AccessKeyStatus.Active, Aws.StatusOf(OldKey));

        Click(panel, "Retire old key");
        panel.WaitForAssertion(() => Assert.Contains("is inactive", panel.Find("[data-testid=rotation-state]").TextContent, StringComparison.Ordinal));
        panel.WaitForAssertion(() => Assert.True(Rotation.IsIdle));
        Assert.Equal(AccessKeyStatus.Inactive, Aws.StatusOf(OldKey));
        Assert.Empty(panel.FindAll("[data-testid=rotation-retire-outcome]"));
        Click(panel, "Delete old key…");
        Click(panel, "Confirm and delete");
        panel.WaitForAssertion(() => Assert.Contains("is deleted", panel.Find("[data-testid=rotation-state]").TextContent, StringComparison.Ordinal));

        Assert.Equal([newKey], Aws.AccessKeys);
        Assert.Equal("OK", Assert.Single(FakeIca.Configurations, c => c.Id == configuration.Id).Status);
        Assert.Equal(
            [typeof(CreateIamAccessKeyChange), typeof(UpdateStorageCredentialSecretsChange), typeof(ValidateStorageConfigurationChange),
                typeof(DeactivateAccessKeyChange), typeof(ValidateStorageConfigurationChange), typeof(DeleteAccessKeyChange)],
            Recorder.History.Select(h => h.Change.GetType()));
        Assert.All(Recorder.History, h => Assert.Equal(ChangeOutcome.Done, h.Outcome));
        RecordedLog[] audit = [.. _logs.Entries.Where(e => e.Category == ChangeAudit.Category)];
        Assert.Equal(6, audit.Length);
        Assert.Contains(audit, a => a.Text.Contains(OldKey, StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Entries, e => e.Text.Contains(InMemoryAws.NewAccessKeySecret, StringComparison.Ordinal)
            || e.Fields.Values.Any(v => v?.ToString()?.Contains(InMemoryAws.NewAccessKeySecret, StringComparison.Ordinal) == true));
        Assert.DoesNotContain(InMemoryAws.NewAccessKeySecret, panel.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotation_IcaRefusesTheNewSecret_LeavesTheOldKeyActiveAndSaysSo()
    {
        await ArrangeAsync();
        IRenderedComponent<IcaApiPanel> panel = RenderPlanned();
        panel.WaitForAssertion(() => Assert.Equal(3, panel.FindAll("[data-testid=rotation-step]").Count));
        FakeIca.Fault = FakeIcaFault.Forbidden;
        FakeIca.FaultPath = "POST /api/storageCredentials/";

        Click(panel, "Rotate…");
        Click(panel, "Confirm and rotate");

        panel.WaitForAssertion(() => panel.Find("[data-testid=rotation-failure]"));
        string failure = panel.Find("[data-testid=rotation-failure]").TextContent;
        Assert.Contains("was deleted again", failure, StringComparison.Ordinal);
        Assert.Contains("ICA still holds its old key, which stays active", failure, StringComparison.Ordinal);
        Assert.Contains($"IAM now has: {OldKey} Active", failure, StringComparison.Ordinal);
        Assert.Equal([OldKey], Aws.AccessKeys);
        Assert.Equal(AccessKeyStatus.Active, Aws.StatusOf(OldKey));
        Assert.Equal(0, FakeIca.SecretUpdates);
        Assert.Empty(panel.FindAll("[data-testid=rotation-state]"));
    }

    [Fact]
    public async Task Rotate_WithoutTheApplyClaim_WritesNothingEvenWhenAskedDirectly()
    {
        await ArrangeAsync();
        IRenderedComponent<IcaApiPanel> panel = RenderPlanned();
        panel.WaitForAssertion(() => Assert.Equal(3, panel.FindAll("[data-testid=rotation-step]").Count));
        Services.GetRequiredService<CircuitUser>().SignIn("carol@example.org", NoApplyClaim);

        await panel.InvokeAsync(Services.GetRequiredService<KeyRotation>().RotateAsync);

        Assert.Equal([OldKey], Aws.AccessKeys);
        Assert.Equal(0, FakeIca.SecretUpdates);
        Assert.Empty(Recorder.History);
        Assert.NotNull(Rotation.Plan);
    }

    [Fact]
    public async Task Retire_WithoutTheApplyClaim_WritesNothingEvenWhenAskedDirectly()
    {
        IRenderedComponent<IcaApiPanel> panel = await RotateToOkAsync();
        int recorded = Recorder.History.Count;
        Services.GetRequiredService<CircuitUser>().SignIn("carol@example.org", NoApplyClaim);

        await panel.InvokeAsync(Services.GetRequiredService<OldKeyRetirement>().RetireAsync);

        Assert.Equal(AccessKeyStatus.Active, Aws.StatusOf(OldKey));
        Assert.Equal(recorded, Recorder.History.Count);
        Assert.False(Rotation.Rotated?.Retired);
    }

    [Fact]
    public async Task RetireAndDelete_RollbackOffered_AreNotShown()
    {
        await ArrangeAsync();
        IRenderedComponent<IcaApiPanel> panel = RenderPlanned();
        panel.WaitForAssertion(() => Assert.Equal(3, panel.FindAll("[data-testid=rotation-step]").Count));
        FakeIca.Scenario = FakeIca.Scenario with { ValidationErrors = new Dictionary<string, string> { ["lab-ica-data"] = "Access Denied" } };

        Click(panel, "Rotate…");
        Click(panel, "Confirm and rotate");
        panel.WaitForAssertion(() => panel.Find("[data-testid=rotation-rollback]"), TimeSpan.FromSeconds(15));
        panel.WaitForAssertion(() => Assert.True(Rotation.IsIdle));

        Assert.DoesNotContain(panel.FindAll("button"), b => b.TextContent.Trim() is "Retire old key" or "Delete old key…");
        Assert.Contains("stays active until you retire it", panel.Find("[data-testid=rotation-state]").TextContent, StringComparison.Ordinal);
        Assert.Equal(AccessKeyStatus.Active, Aws.StatusOf(OldKey));
        Assert.DoesNotContain(Recorder.History, h => h.Change is DeactivateAccessKeyChange);
    }

    [Fact]
    public async Task Retire_WhileDeactivating_SaysItWaitsForIamBeforeIcaValidates()
    {
        IRenderedComponent<IcaApiPanel> panel = await RotateToOkAsync();
        var deactivating = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Aws.OnCall = (call, _) => call.StartsWith("iam:UpdateAccessKey", StringComparison.Ordinal) ? deactivating.Task : Task.CompletedTask;

        Click(panel, "Retire old key");

        panel.WaitForAssertion(() => Assert.Contains($"Deactivating {OldKey}, then waiting", panel.Find("[data-testid=rotation-retiring]").TextContent, StringComparison.Ordinal));
        Assert.Contains("for IAM to apply it before ICA validates without it", panel.Find("[data-testid=rotation-retiring]").TextContent, StringComparison.Ordinal);
        deactivating.SetResult();
        panel.WaitForAssertion(() => Assert.Contains("is inactive: delete it once nothing complained", panel.Find("[data-testid=rotation-state]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(15));
        Assert.Empty(panel.FindAll("[data-testid=rotation-retiring]"));
    }

    [Fact]
    public async Task Retire_ValidationWithoutTheOldKeyReadsError_MakesItActiveAgainAndSaysSo()
    {
        IRenderedComponent<IcaApiPanel> panel = await RotateToOkAsync();
        // Only the old key works for the bucket now: ICA's validation without it reads ERROR.
        FakeIca.AwsRefusesKey = key => key != OldKey;

        Click(panel, "Retire old key");

        panel.WaitForAssertion(() => Assert.Contains("made active again at once", panel.Find("[data-testid=rotation-retire-outcome]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(15));
        Assert.Contains($"without the old key {OldKey} read ERROR", panel.Find("[data-testid=rotation-retire-outcome]").TextContent, StringComparison.Ordinal);
        Assert.Equal(AccessKeyStatus.Active, Aws.StatusOf(OldKey));
        Assert.Equal(2, Aws.AccessKeys.Count);
        Assert.Contains("stays active until you retire it", panel.Find("[data-testid=rotation-state]").TextContent, StringComparison.Ordinal);
        Assert.Equal(
            [typeof(DeactivateAccessKeyChange), typeof(ValidateStorageConfigurationChange), typeof(ReactivateAccessKeyChange)],
            Recorder.History.Skip(3).Select(h => h.Change.GetType()));
        Assert.All(Recorder.History, h => Assert.Equal(ChangeOutcome.Done, h.Outcome));
        Assert.DoesNotContain(Recorder.History, h => h.Change is DeleteAccessKeyChange);
    }

    [Fact]
    public async Task Rotation_UserHasTwoKeys_AsksWhichOneIcaHoldsBeforePlanning()
    {
        await ArrangeAsync();
        Aws.AddAccessKey("AKIAOTHERKEY00000002", AccessKeyStatus.Active, DateTimeOffset.UtcNow.AddDays(-90));
        IRenderedComponent<IcaApiPanel> panel = RenderPlanned();

        panel.WaitForAssertion(() => Assert.Contains("confirm which", panel.Find("[data-testid=rotation-refusal]").TextContent, StringComparison.Ordinal));
        panel.Find("[data-testid=rotation-held-key]").QuerySelectorAll("input[type=radio]")[0].Click();
        panel.WaitForState(() => Rotation.HeldKeyId == OldKey);
        panel.Find("[data-testid=rotation-plan]").Click();

        // Only the admin's answer says ICA holds OldKey: the other key is tested (deactivate, validate), not deleted.
        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll("[data-testid=rotation-step]").Count));
        Assert.Contains("Deactivate the access key AKIAOTHERKEY00000002", panel.FindAll("[data-testid=rotation-step]")[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("over 30 days ago", panel.FindAll("[data-testid=rotation-step]")[0].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotation_IcaHoldsTheNewKeyButTheAdminNamesTheOld_KeepsTheNewKeyActiveAndSaysTheAnswerWasWrong()
    {
        // A session ended right after ICA got a new key: ICA works on it, IAM shows no use yet, the admin names the old one.
        const string newKey = "AKIANEWKEYHELDBYICA3";
        FakeIcaConfiguration configuration = await ArrangeAsync();
        Aws.AddAccessKey(newKey, AccessKeyStatus.Active);
        FakeIca.HoldKey(configuration.CredentialId, newKey);
        FakeIca.AwsRefusesKey = key => Aws.StatusOf(key) != AccessKeyStatus.Active;
        IRenderedComponent<IcaApiPanel> panel = RenderPlanned();
        panel.WaitForAssertion(() => panel.Find("[data-testid=rotation-held-key]"));
        panel.Find("[data-testid=rotation-held-key]").QuerySelectorAll("input[type=radio]")[0].Click();
        panel.WaitForState(() => Rotation.HeldKeyId == OldKey);
        panel.Find("[data-testid=rotation-plan]").Click();
        panel.WaitForState(() => Rotation.Plan?.UnverifiedKeyId == newKey);

        Click(panel, "Test the other key…");
        Click(panel, "Confirm and test");

        panel.WaitForAssertion(() => Assert.Contains($"Your answer was wrong: ICA holds {newKey}, not {OldKey}", panel.Find("[data-testid=rotation-unverified]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(15));
        Assert.Equal((AccessKeyStatus.Active, AccessKeyStatus.Active), (Aws.StatusOf(newKey), Aws.StatusOf(OldKey)));
        Assert.Equal(newKey, Assert.Single(FakeIca.Credentials).AccessKeyId);
        Assert.Equal(0, FakeIca.SecretUpdates);
        Assert.DoesNotContain(Recorder.History, h => h.Change is DeleteAccessKeyChange or CreateIamAccessKeyChange);
        Assert.Contains(Recorder.History, h => h.Change is ReactivateAccessKeyChange && h.Outcome == ChangeOutcome.Done);
    }

    [Fact]
    public async Task StartOver_ForgetsTheRotationsPlanAndCredential()
    {
        await ArrangeAsync();
        IRenderedComponent<IcaApiPanel> panel = RenderPlanned();
        panel.WaitForAssertion(() => Assert.Equal(3, panel.FindAll("[data-testid=rotation-step]").Count));

        await panel.InvokeAsync(() => Coordinator.StartOverAsync());

        panel.WaitForAssertion(() => Assert.Empty(panel.FindAll("[data-testid=rotation-step]")));
        Assert.Null(Rotation.Plan);
        Assert.Null(Rotation.CredentialId);
        Assert.Empty(Rotation.Keys);
    }

    [Fact]
    public async Task Rotation_SessionEndsBetweenCreateKeyAndUpdateSecrets_DeletesTheUnsentKeyAndIcaKeepsTheOld()
    {
        await ArrangeAsync();
        IRenderedComponent<IcaApiPanel> panel = RenderPlanned();
        panel.WaitForAssertion(() => Assert.Equal(3, panel.FindAll("[data-testid=rotation-step]").Count));
        Aws.OnCall = (call, _) =>
        {
            if (call.StartsWith("iam:CreateAccessKey", StringComparison.Ordinal))
            {
                // The circuit ends while IAM makes the key: the ICA connection's token is cancelled.
                IcaConnection.Dispose();
            }

            return Task.CompletedTask;
        };

        Click(panel, "Rotate…");
        Click(panel, "Confirm and rotate");

        panel.WaitForState(() => Recorder.History.Any(h => h.Change is DeleteAccessKeyChange), TimeSpan.FromSeconds(15));
        AppliedChange cleanUp = Assert.Single(Recorder.History, h => h.Change is DeleteAccessKeyChange);
        Assert.Equal(ChangeOutcome.Done, cleanUp.Outcome);
        Assert.Contains("the rotation stopped before ICA got it", cleanUp.Change.Title, StringComparison.Ordinal);
        Assert.Equal([OldKey], Aws.AccessKeys);
        Assert.Equal(AccessKeyStatus.Active, Aws.StatusOf(OldKey));
        Assert.Equal((OldKey, 0), (Assert.Single(FakeIca.Credentials).AccessKeyId, FakeIca.SecretUpdates));
    }

    [Fact]
    public async Task RollBack_ValidationOnTheNewKeyEndsInError_GivesIcaTheOldKeyBackThenDeletesTheNewOne()
    {
        IRenderedComponent<IcaApiPanel> panel = await RotateToRollbackOfferAsync(key => key != OldKey);

        string newKey = Assert.Single(Aws.AccessKeys, k => k != OldKey);
        string offer = panel.Find("[data-testid=rotation-rollback]").TextContent;
        Assert.Contains($"on the new key {newKey} reads ERROR", offer, StringComparison.Ordinal);
        Assert.Contains(FakeIcaServer.KeyRefusedMessage, offer, StringComparison.Ordinal);
        Assert.NotEmpty(panel.Find("[data-testid=rotation-error-hint]").TextContent);
        Assert.Contains($"The old key {OldKey} is still active", offer, StringComparison.Ordinal);

        PasteOldKey(panel, OldKey, OldSecret);

        panel.WaitForAssertion(() => Assert.Contains("Rolled back", panel.Find("[data-testid=rotation-state]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(15));
        FakeIcaCredential held = Assert.Single(FakeIca.Credentials);
        Assert.Equal((OldKey, FakeIcaServer.DigestOf(OldSecret)), (held.AccessKeyId, held.SecretDigest));
        Assert.Equal([OldKey], Aws.AccessKeys);
        Assert.Equal(AccessKeyStatus.Active, Aws.StatusOf(OldKey));
        Assert.Empty(panel.FindAll("[data-testid=rotation-rollback]"));
        Assert.DoesNotContain(panel.FindAll("button"), b => b.TextContent.Trim() is "Retire old key" or "Delete old key…");
        Assert.Equal(
            [typeof(RestoreStorageCredentialSecretsChange), typeof(ValidateStorageConfigurationChange), typeof(DeleteAccessKeyChange)],
            Recorder.History.Skip(3).Select(h => h.Change.GetType()));
        Assert.DoesNotContain(OldSecret, panel.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(_logs.Entries, e => e.Text.Contains(OldSecret, StringComparison.Ordinal)
            || e.Fields.Values.Any(v => v?.ToString()?.Contains(OldSecret, StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task RollBack_PastedKeyIsNotTheOldOne_SendsNothingAndSaysSo()
    {
        IRenderedComponent<IcaApiPanel> panel = await RotateToRollbackOfferAsync(key => key != OldKey);

        PasteOldKey(panel, "AKIAWRONGKEY00000009", OldSecret);

        panel.WaitForAssertion(() => Assert.Contains($"not the old key {OldKey}", panel.Find("[data-testid=rotation-rollback-error]").TextContent, StringComparison.Ordinal));
        string newKey = Assert.Single(Aws.AccessKeys, k => k != OldKey);
        Assert.Equal((newKey, 1), (Assert.Single(FakeIca.Credentials).AccessKeyId, FakeIca.SecretUpdates));
    }

    [Fact]
    public async Task RollBack_ValidationOnTheOldKeyFailsToo_KeepsTheNewKeyAndOffersItAgain()
    {
        IRenderedComponent<IcaApiPanel> panel = await RotateToRollbackOfferAsync(_ => true);

        PasteOldKey(panel, OldKey, OldSecret);

        panel.WaitForAssertion(() => Assert.Contains($"on the old key {OldKey} reads ERROR", panel.Find("[data-testid=rotation-rollback]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(15));
        Assert.Equal(OldKey, Assert.Single(FakeIca.Credentials).AccessKeyId);
        Assert.Equal(2, Aws.AccessKeys.Count);
        Assert.All(Aws.AccessKeys, k => Assert.Equal(AccessKeyStatus.Active, Aws.StatusOf(k)));
        Assert.DoesNotContain(Recorder.History, h => h.Change is DeleteAccessKeyChange);
    }

    // Types the old key into the rollback form: its secret reaches the circuit through the hand-off, never the page.
    private void PasteOldKey(IRenderedComponent<IcaApiPanel> panel, string accessKeyId, string secret)
    {
        JSRuntimeInvocationHandler<bool> post = ExpectTypedCredentials();
        panel.InvokeAsync(() => panel.Find("[data-testid=rotation-rollback] form").Submit()).GetAwaiter().GetResult();
        panel.WaitForAssertion(() => Assert.NotEmpty(post.Invocations));
        ReleaseTypedCredentials(post, accessKeyId, secret, string.Empty);
    }

    private async Task<FakeIcaConfiguration> ArrangeAsync()
    {
        FillValidBucketStep();
        OnDispatcher(() =>
        {
            State.SetConfigurationName("lab-kms");
            State.SetIamUserName(User);
        });
        Aws.AddAccessKey(OldKey, AccessKeyStatus.Active, DateTimeOffset.UtcNow.AddDays(-1));
        Assert.Null(await ConnectAsync());
        FakeIcaCredential credential = FakeIca.AddCredential("lab-credential", OldKey);
        return FakeIca.AddConfiguration("lab-kms", credential.Id, FakeIcaScenario.UsRegionId, "lab-ica-data", "ica/", KeyArn);
    }

    // Connects to ICA, picks the credential and plans the rotation.
    private IRenderedComponent<IcaApiPanel> RenderPlanned()
    {
        IRenderedComponent<IcaApiPanel> panel = Render<IcaApiPanel>();
        JSRuntimeInvocationHandler<bool> post = ExpectTypedCredentials();
        panel.Find("#ica-api-key").Closest("form")!.Submit();
        Services.GetRequiredService<CredentialHandoff>().Deposit((string)post.Invocations.Last().Arguments[1]!, new PastedCredentials(string.Empty, string.Empty, string.Empty), FakeIcaScenario.DefaultApiKey);
        post.SetResult(true);
        panel.WaitForState(() => IcaConnection.IsConnected && !IcaConnection.IsConnecting && !IcaConnection.IsRefreshing);
        panel.WaitForAssertion(() => panel.Find("[data-testid=ica-rotation]"));
        panel.Find("[data-testid=rotation-credential]").QuerySelector("input[type=radio]")!.Click();
        panel.WaitForState(() => Rotation.CredentialId is not null);
        panel.Find("[data-testid=rotation-plan]").Click();
        panel.WaitForState(() => Rotation.IsIdle && Rotation.Plan is not null);
        return panel;
    }

    // Plans and rotates until ICA validates OK on the new key, the old one still active.
    private async Task<IRenderedComponent<IcaApiPanel>> RotateToOkAsync()
    {
        await ArrangeAsync();
        IRenderedComponent<IcaApiPanel> panel = RenderPlanned();
        panel.WaitForAssertion(() => Assert.Equal(3, panel.FindAll("[data-testid=rotation-step]").Count));
        Click(panel, "Rotate…");
        Click(panel, "Confirm and rotate");
        panel.WaitForAssertion(() => panel.Find("[data-testid=ica-validation-ok]"), TimeSpan.FromSeconds(15));
        panel.WaitForAssertion(() => Assert.Contains("stays active until you retire it", panel.Find("[data-testid=rotation-state]").TextContent, StringComparison.Ordinal));
        return panel;
    }

    // Plans and rotates with ICA's validation refusing the keys refusesKey names, up to the roll-back offer.
    private async Task<IRenderedComponent<IcaApiPanel>> RotateToRollbackOfferAsync(Func<string, bool> refusesKey)
    {
        await ArrangeAsync();
        IRenderedComponent<IcaApiPanel> panel = RenderPlanned();
        panel.WaitForAssertion(() => Assert.Equal(3, panel.FindAll("[data-testid=rotation-step]").Count));
        FakeIca.AwsRefusesKey = refusesKey;
        Click(panel, "Rotate…");
        Click(panel, "Confirm and rotate");
        panel.WaitForAssertion(() => panel.Find("[data-testid=rotation-rollback]"), TimeSpan.FromSeconds(15));
        return panel;
    }

    // Waits for the button (a confirmation shows once the click before it has rendered, which a busy machine may not have
    // done when that click returned), then finds and clicks it in one dispatcher turn.
    private static void Click(IRenderedComponent<IcaApiPanel> panel, string text)
    {
        panel.WaitForAssertion(() => Assert.Single(panel.Find("[data-testid=ica-rotation]").QuerySelectorAll("button"), b => b.TextContent.Trim() == text), TimeSpan.FromSeconds(20));
        panel.InvokeAsync(() => panel.Find("[data-testid=ica-rotation]").QuerySelectorAll("button").Single(b => b.TextContent.Trim() == text).Click()).GetAwaiter().GetResult();
    }
}
