using IcaKms.Core.Policies;
using IcaKms.Web.Components.Wizard;
using MudBlazor;

namespace IcaKms.Web.Tests.Wizard;

public class CrossAccountStepTests : WizardTestContext
{
    private IRenderedComponent<CrossAccountStep> RenderStep()
    {
        Render<MudPopoverProvider>();
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
}
