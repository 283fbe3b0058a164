using IcaKms.Web.Components.Shared;
using IcaKms.Web.Components.Wizard;
using MudBlazor;

namespace IcaKms.Web.Tests.Wizard;

/// <summary>
/// The steps' headings, columns and side panels are MudBlazor's components (MudText, MudGrid/MudItem, MudPaper), not
/// their markup written by hand (issue 19): asserted on the components and their parameters.
/// </summary>
public class StepLayoutTests : WizardTestContext
{
    private static string TextOf(IRenderedComponent<MudText> text) => string.Concat(text.Nodes.Select(n => n.TextContent)).Trim();

    // The step's heading: a MudText in the h5 style, rendered as the page's second level (h1 is the wizard's title).
    private static void AssertStepHeading<TStep>(IRenderedComponent<TStep> step, string title)
        where TStep : class, Microsoft.AspNetCore.Components.IComponent
    {
        IRenderedComponent<MudText> heading = step.FindComponents<MudText>().First(t => t.Instance.Typo == Typo.h5);
        Assert.Equal("h2", heading.Instance.HtmlTag);
        Assert.Equal(title, TextOf(heading));
        Assert.Equal(title, step.Find("h2").TextContent.Trim());
    }

    // Two columns on a wide screen, one on a phone: a MudGrid with spacing 4 and two full-width-on-xs MudItems.
    private static void AssertTwoColumns<TStep>(IRenderedComponent<TStep> step, int wide, Func<MudItem, int> breakpoint)
        where TStep : class, Microsoft.AspNetCore.Components.IComponent
    {
        IRenderedComponent<MudGrid> grid = step.FindComponent<MudGrid>();
        Assert.Equal(4, grid.Instance.Spacing);
        MudItem[] items = [.. grid.FindComponents<MudItem>().Select(i => i.Instance)];
        Assert.Equal(2, items.Length);
        Assert.All(items, i => Assert.Equal(12, i.xs));
        Assert.Equal([wide, 12 - wide], items.Select(breakpoint));
    }

    [Fact]
    public void BucketStep_IsAMudGrid_FieldsBesideTheConsoleSteps_InAnOutlinedMudPaper()
    {
        IRenderedComponent<BucketStep> step = Render<BucketStep>();

        AssertStepHeading(step, "Bucket and KMS key");
        AssertTwoColumns(step, 7, i => i.md);
        IRenderedComponent<MudItem> side = step.FindComponents<MudItem>()[1];
        IRenderedComponent<MudPaper> paper = side.FindComponent<MudPaper>();
        Assert.True(paper.Instance.Outlined);
        Assert.Equal("In the S3 console", TextOf(paper.FindComponents<MudText>().Single(t => t.Instance.HtmlTag == "h3")));
        // The plan panels are outlined MudPapers with a MudText heading too.
        Assert.All(step.FindComponents<PlanPanel>(), p => Assert.True(p.FindComponent<MudPaper>().Instance.Outlined));
    }

    [Fact]
    public void IamPolicyStep_PutsThePolicyBesideItsSummary_InAMudGrid()
    {
        IRenderedComponent<IamPolicyStep> step = Render<IamPolicyStep>();

        AssertStepHeading(step, "IAM policy");
        AssertTwoColumns(step, 7, i => i.lg);
        var items = step.FindComponent<MudGrid>().FindComponents<MudItem>();
        Assert.NotNull(items[0].FindComponent<DocumentPreview>());
        Assert.NotNull(items[1].FindComponent<PolicySummaryPanel>());
    }

    [Fact]
    public void CrossAccountStep_HeadingIsAMudText()
    {
        IRenderedComponent<CrossAccountStep> step = Render<CrossAccountStep>();

        AssertStepHeading(step, "Cross-account copy (optional)");
    }

    [Fact]
    public void ReviewStep_PutsTheChecksBesideTheDownloads_InOutlinedMudPapers()
    {
        FillValidBucketStep();
        IRenderedComponent<ReviewStep> step = Render<ReviewStep>();

        AssertStepHeading(step, "Review");
        AssertTwoColumns(step, 7, i => i.md);
        IRenderedComponent<MudItem> side = step.FindComponents<MudItem>()[1];
        var papers = side.FindComponents<MudPaper>();
        Assert.Equal(2, papers.Count);
        Assert.All(papers, p => Assert.True(p.Instance.Outlined));
        Assert.Equal(["Everything in one file", "The same setup as code"],
            side.FindComponents<MudText>().Where(t => t.Instance.HtmlTag == "h3").Select(TextOf));
        // Each step's checks are under an h3 MudText naming the step.
        Assert.Contains(step.FindComponents<MudText>(), t => t.Instance.HtmlTag == "h3" && TextOf(t).StartsWith("Bucket", StringComparison.Ordinal));
    }
}
