using IcaKms.Core.Policies;
using IcaKms.Web.Components.Wizard;
using MudBlazor;
using IcaKms.Core.KeyPolicies;
using IcaKms.Core.Setup;

namespace IcaKms.Web.Tests.Wizard;

public class CrossAccountStepTests : WizardTestContext
{
    private IRenderedComponent<CrossAccountStep> RenderStep()
    {
        return Render<CrossAccountStep>();
    }

    [Fact]
    public void Role_IsPrefilled_ForUsEast1()
    {
        State.SetCrossAccountCopy(true);

        IRenderedComponent<CrossAccountStep> step = RenderStep();

        Assert.Equal("arn:aws:iam::079623148045:role/ica_use1_crossacct", step.Find("input[data-testid=role-arn]").GetAttribute("value"));
        Assert.Contains("arn:aws:iam::079623148045:role/ica_use1_crossacct", step.Find("[data-testid='preview-kms-key-policy-statement.json']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Role_IsLeftEmptyWithInstructions_ForRegionWithoutConfirmedRole()
    {
        State.SetRegion("eu-central-1");
        State.SetCrossAccountCopy(true);

        IRenderedComponent<CrossAccountStep> step = RenderStep();

        Assert.Equal(string.Empty, step.Find("input[data-testid=role-arn]").GetAttribute("value"));
        Assert.Contains("Enable Cross Account Copy", step.Markup, StringComparison.Ordinal);
        Assert.Contains(CrossAccountKeyStatement.RolePlaceholder, step.Find("[data-testid='preview-kms-key-policy-statement.json']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Statement_IsHidden_WhenCrossAccountOff()
    {
        IRenderedComponent<CrossAccountStep> step = RenderStep();

        Assert.Empty(step.FindAll("[data-testid='preview-kms-key-policy-statement.json']"));
        Assert.Contains("nothing to add", step.Markup, StringComparison.Ordinal);
    }

    private const string UsRole = "arn:aws:iam::079623148045:role/ica_use1_crossacct";
    private const string AustraliaRole = "arn:aws:iam::079623148045:role/ica_aps2_crossacct";
    private const string PastedRole = "arn:aws:iam::079623148045:role/ica_euc1_crossacct";

    [Fact]
    public void SetRegion_ReplacesPastedRole_WithNewRegionsConfirmedRole()
    {
        State.SetCrossAccountRoleArn(PastedRole);

        State.SetRegion("ap-southeast-2");

        Assert.Equal(AustraliaRole, State.Inputs.CrossAccountRoleArn);
    }

    [Fact]
    public void SetRegion_ClearsAnotherRegionsConfirmedRole_ForRegionWithoutOne()
    {
        // Restored from an earlier visit: Australia, with the United States' role.
        State.Restore(State.Inputs with { AwsRegion = "ap-southeast-2", CrossAccountRoleArn = UsRole });

        State.SetRegion("eu-central-1");

        Assert.Equal(string.Empty, State.Inputs.CrossAccountRoleArn);
    }

    [Fact]
    public void SetRegion_KeepsPastedRole_ForRegionWithoutConfirmedRole()
    {
        State.SetRegion("eu-central-1");
        State.SetCrossAccountRoleArn(PastedRole);

        State.SetRegion("eu-west-2");

        Assert.Equal(PastedRole, State.Inputs.CrossAccountRoleArn);
    }

    [Fact]
    public void Role_OfAnotherRegion_IsAnErrorNamingTheRightRole()
    {
        State.SetCrossAccountCopy(true);
        State.SetCrossAccountRoleArn(AustraliaRole);

        IRenderedComponent<CrossAccountStep> step = Render<CrossAccountStep>(p => p.Add(s => s.ShowErrors, true));

        step.WaitForAssertion(() => Assert.Contains($"your ICA region is United States (us-east-1): use {UsRole}", step.Markup, StringComparison.Ordinal));
        Assert.False(State.Validation.IsStepValid(IcaKms.Core.Setup.WizardStep.CrossAccount));
        Assert.Equal((IcaKms.Core.Validation.RoleArnRule.MaxInputLength + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), step.Find("input[data-testid=role-arn]").GetAttribute("maxlength"));
    }
}

