using IcaKms.Web.Components.Shared;
using IcaKms.Web.Components.Wizard;
using MudBlazor;

namespace IcaKms.Web.Tests.Wizard;

/// <summary>
/// The steps' headings are MudText and their columns and side panels MudGrid/MudItem/MudPaper, not their markup written
/// by hand (issue 19), except step 1's, which is plain layout with MudBlazor's documented utility classes.
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

    // Step 1's layout is static markup (issue 19 allows it; each component costs an idle tab about 2.5 KB): two columns
    // of IcaKms's own grid, panels outlined with MudBlazor's documented border utilities, no MudGrid/MudItem/MudPaper.
    private const string OutlinedPanel = "border border-solid mud-border-lines-default rounded";

    [Fact]
    public void BucketStep_FieldsBesideTheConsoleSteps_AsPlainColumnsAndAnOutlinedPanel()
    {
        IRenderedComponent<BucketStep> step = Render<BucketStep>();

        AssertStepHeading(step, "Bucket and KMS key");
        Assert.Empty(step.FindComponents<MudGrid>());
        Assert.Empty(step.FindComponents<MudItem>());
        Assert.Empty(step.FindComponents<MudPaper>());
        var columns = step.Find(".step-columns").Children;
        Assert.Equal(2, columns.Length);
        Assert.Equal(3, columns[0].QuerySelectorAll("input[data-testid]").Length);
        var console = columns[1].FirstElementChild!;
        Assert.Equal("DIV", console.TagName);
        Assert.Equal($"{OutlinedPanel} pa-4", console.ClassName);
        Assert.Equal("In the S3 console", console.QuerySelector("h3")!.TextContent.Trim());
        // The plan panels are outlined the same way, with a MudText heading.
        var plans = step.FindComponents<PlanPanel>();
        Assert.NotEmpty(plans);
        Assert.All(plans, p =>
        {
            Assert.StartsWith(OutlinedPanel, p.Find("[data-testid^=plan-]").ClassName, StringComparison.Ordinal);
            Assert.Contains(p.FindComponents<MudText>(), t => t.Instance.HtmlTag == "h3");
        });
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
