using IcaKms.Core.Policies;
using IcaKms.Web.Components.Wizard;
using MudBlazor;

namespace IcaKms.Web.Tests.Wizard;

public class IamPolicyStepTests : WizardTestContext
{
    private IRenderedComponent<IamPolicyStep> RenderStep()
    {
        return Render<IamPolicyStep>();
    }

    private static string Preview(IRenderedComponent<IamPolicyStep> step) =>
        step.Find("[data-testid='preview-iam-policy.json']").TextContent;

    [Fact]
    public void Preview_ShowsSpecPlaceholders_WhenNothingEntered()
    {
        IRenderedComponent<IamPolicyStep> step = RenderStep();

        Assert.Equal(PolicyJson.Serialize(IcaIamPolicy.Create("BUCKET_NAME", "arn:aws:kms:xxx", PolicyVariant.Unversioned)), Preview(step));
    }

    [Fact]
    public void Preview_FollowsBucketAndKey_WhenInputsChange()
    {
        IRenderedComponent<IamPolicyStep> step = RenderStep();

        FillValidBucketStep();
        step.Render();

        Assert.Equal(PolicyJson.Serialize(IcaIamPolicy.Create("lab-ica-data", KeyArn, PolicyVariant.Unversioned)), Preview(step));
    }

    [Fact]
    public void Preview_SwitchesToVersionedPolicy_WhenVersionedChosen()
    {
        IRenderedComponent<IamPolicyStep> step = RenderStep();

        step.FindAll("input[type=radio]")[1].Click();

        Assert.Contains("s3:GetObjectVersion", Preview(step), StringComparison.Ordinal);
        Assert.Equal(PolicyVariant.Versioned, State.Inputs.Variant);
    }

    [Fact]
    public void Summary_PassesWithThreeServices_ForGeneratedPolicy()
    {
        FillValidBucketStep();
        IRenderedComponent<IamPolicyStep> step = RenderStep();

        string summary = step.Find("[data-testid=summary-generated]").TextContent;

        Assert.Contains("Pass", step.Find("[data-testid=summary-generated] [data-testid=verdict]").TextContent, StringComparison.Ordinal);
        Assert.Contains("KMS, S3, STS", summary, StringComparison.Ordinal);
        Assert.Contains("3 statements", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void PastedPolicy_ShowsMissingAction_WhenActionRemoved()
    {
        FillValidBucketStep();
        IRenderedComponent<IamPolicyStep> step = RenderStep();
        string broken = PolicyJson.Serialize(IcaIamPolicy.Create("lab-ica-data", KeyArn, PolicyVariant.Unversioned))
            .Replace("\"s3:RestoreObject\",", string.Empty, StringComparison.Ordinal);

        step.InvokeAsync(() => State.SetPastedPolicy(broken));
        step.Render();

        string pasted = step.Find("[data-testid=summary-pasted]").TextContent;
        Assert.Contains("Fail", step.Find("[data-testid=summary-pasted] [data-testid=verdict]").TextContent, StringComparison.Ordinal);
        Assert.Contains("s3:RestoreObject", pasted, StringComparison.Ordinal);
    }

    [Fact]
    public void PastedPolicy_SaysNotJson_WhenGarbagePasted()
    {
        IRenderedComponent<IamPolicyStep> step = RenderStep();

        step.InvokeAsync(() => State.SetPastedPolicy("this is not json {"));
        step.Render();

        Assert.Contains("JSON", step.Find("[data-testid=summary-pasted] [role=alert]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Copy_SendsPreviewTextToClipboard()
    {
        FillValidBucketStep();
        IRenderedComponent<IamPolicyStep> step = RenderStep();

        step.Find("button[aria-label='Copy iam-policy.json']").Click();

        JSRuntimeInvocation call = Assert.Single(JSInterop.Invocations, i => i.Identifier == "icakms.copyText");
        Assert.Equal(Preview(step), call.Arguments[0]);
    }

    [Fact]
    public void Download_OffersJsonFile_WithPreviewText()
    {
        IRenderedComponent<IamPolicyStep> step = RenderStep();

        step.Find("button[aria-label='Download iam-policy.json']").Click();

        JSRuntimeInvocation call = Assert.Single(JSInterop.Invocations, i => i.Identifier == "icakms.download");
        Assert.Equal("iam-policy.json", call.Arguments[0]);
        Assert.Equal("application/json", call.Arguments[1]);
        Assert.Equal(Preview(step), System.Text.Encoding.UTF8.GetString((byte[])call.Arguments[2]!));
    }

    [Fact]
    public void PolicyFile_IsCheckedAndShown_WhenUtf8Json()
    {
        FillValidBucketStep();
        IRenderedComponent<IamPolicyStep> step = RenderStep();
        string policy = PolicyJson.Serialize(IcaIamPolicy.Create("lab-ica-data", KeyArn, PolicyVariant.Unversioned));

        step.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>()
            .UploadFiles(InputFileContent.CreateFromText(policy, "ica-policy.json"));

        step.WaitForAssertion(() => Assert.Contains("Pass", step.Find("[data-testid=summary-pasted] [data-testid=verdict]").TextContent, StringComparison.Ordinal));
        Assert.Equal(policy, State.PastedPolicy);
    }

    [Fact]
    public void PolicyFile_GetsClearMessage_WhenNotUtf8()
    {
        IRenderedComponent<IamPolicyStep> step = RenderStep();

        step.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>()
            .UploadFiles(InputFileContent.CreateFromBinary([0x7B, 0xFF, 0xFE, 0x22, 0x7D], "broken.json"));

        step.WaitForAssertion(() => Assert.Contains("UTF-8", step.Find("[data-testid=summary-pasted] [role=alert]").TextContent, StringComparison.Ordinal));
        Assert.Equal(string.Empty, State.PastedPolicy);
    }

    private void PasteValidPolicy(IRenderedComponent<IamPolicyStep> step)
    {
        step.InvokeAsync(() => State.SetPastedPolicy(PolicyJson.Serialize(IcaIamPolicy.Create("lab-ica-data", KeyArn, PolicyVariant.Unversioned))));
        step.Render();
        Assert.Contains("Pass", step.Find("[data-testid=summary-pasted] [data-testid=verdict]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void PolicyFile_TooLarge_ClearsPastedPolicyAndVerdict_AndSaysWhyBesideChooser()
    {
        FillValidBucketStep();
        IRenderedComponent<IamPolicyStep> step = RenderStep();
        PasteValidPolicy(step);

        step.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>()
            .UploadFiles(InputFileContent.CreateFromBinary(new byte[IcaKms.Core.Validation.PolicyDocumentRule.MaxFileBytes + 1], "huge.json"));

        step.WaitForAssertion(() => Assert.Contains("huge.json", step.Find("[data-testid=policy-file-error]").TextContent, StringComparison.Ordinal));
        Assert.Contains("too large", step.Find("[data-testid=policy-file-error]").TextContent, StringComparison.Ordinal);
        Assert.Empty(step.FindAll("[data-testid=summary-pasted]"));
        Assert.Equal(string.Empty, State.PastedPolicy);
        Assert.Null(State.PastedPolicySummary);
    }

    [Fact]
    public void PolicyFile_DecodingToTooManyCharacters_IsRefusedAndClearsVerdict()
    {
        FillValidBucketStep();
        IRenderedComponent<IamPolicyStep> step = RenderStep();
        PasteValidPolicy(step);

        step.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>()
            .UploadFiles(InputFileContent.CreateFromText(new string(' ', IcaKms.Core.Validation.PolicyDocumentRule.MaxLength + 1), "padded.json"));

        step.WaitForAssertion(() => Assert.Contains("too long: at most 65,536 characters", step.Find("[data-testid=policy-file-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(step.FindAll("[data-testid=summary-pasted]"));
        Assert.Equal(string.Empty, State.PastedPolicy);
    }

    [Fact]
    public void PastedPolicy_OverLimit_ShowsMessageBesideBox_AndNoVerdict()
    {
        FillValidBucketStep();
        IRenderedComponent<IamPolicyStep> step = RenderStep();
        PasteValidPolicy(step);

        step.InvokeAsync(() => State.SetPastedPolicy(new string('x', IcaKms.Core.Validation.PolicyDocumentRule.MaxLength + 1)));
        step.Render();

        Assert.Empty(step.FindAll("[data-testid=summary-pasted]"));
        Assert.Null(State.PastedPolicySummary);
        Assert.Contains("too long: at most 65,536 characters", step.Find(".mud-input-control:has(textarea[data-testid=pasted-policy])").TextContent, StringComparison.Ordinal);
        Assert.Equal("65537", step.Find("textarea[data-testid=pasted-policy]").GetAttribute("maxlength"));
    }

    [Fact]
    public void PastedPolicy_AtLimit_IsChecked()
    {
        FillValidBucketStep();
        IRenderedComponent<IamPolicyStep> step = RenderStep();
        string policy = PolicyJson.Serialize(IcaIamPolicy.Create("lab-ica-data", KeyArn, PolicyVariant.Unversioned));

        step.InvokeAsync(() => State.SetPastedPolicy(policy.PadRight(IcaKms.Core.Validation.PolicyDocumentRule.MaxLength)));
        step.Render();

        Assert.Contains("Pass", step.Find("[data-testid=summary-pasted] [data-testid=verdict]").TextContent, StringComparison.Ordinal);
    }
}
