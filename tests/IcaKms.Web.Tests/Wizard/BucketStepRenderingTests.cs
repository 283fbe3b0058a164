using IcaKms.Web.Components.Wizard;

namespace IcaKms.Web.Tests.Wizard;

/// <summary>
/// A keystroke redraws only what shows that input (issue 19): the field typed in follows its input by itself, so the
/// step around it (its headings, the console steps, the grid) does not redraw.
/// </summary>
public class BucketStepRenderingTests : WizardTestContext
{
    [Fact]
    public void BucketStep_Keystroke_RedrawsTheField_NotTheStep()
    {
        IRenderedComponent<RenderCountingBucketStep> step = Render<RenderCountingBucketStep>();
        int stepRenders = step.Instance.Renders;

        step.Find("input[data-testid=bucket-name]").Input("Lab_Bucket");

        // The field shows the value typed and Core's verdict on it, without the step.
        step.WaitForAssertion(() =>
        {
            Assert.Equal("Lab_Bucket", step.Find("input[data-testid=bucket-name]").GetAttribute("value"));
            Assert.NotNull(step.Find("#bucket-name-error"));
        });
        Assert.Equal(stepRenders, step.Instance.Renders);
    }

    [Fact]
    public void BucketStep_InputChangedElsewhere_ReachesTheField_WithoutTheStep()
    {
        IRenderedComponent<RenderCountingBucketStep> step = Render<RenderCountingBucketStep>();
        int stepRenders = step.Instance.Renders;

        FillValidBucketStep();

        step.WaitForAssertion(() =>
        {
            Assert.Equal("lab-ica-data", step.Find("input[data-testid=bucket-name]").GetAttribute("value"));
            Assert.Equal(KeyArn, step.Find("input[data-testid=key-arn]").GetAttribute("value"));
        });
        // The key ARN turned valid: the key's plan panel goes, which the step shows.
        Assert.Equal(stepRenders + 1, step.Instance.Renders);

        OnDispatcher(() => State.SetBucketName("other-bucket"));

        step.WaitForAssertion(() => Assert.Equal("other-bucket", step.Find("input[data-testid=bucket-name]").GetAttribute("value")));
        Assert.Equal(stepRenders + 1, step.Instance.Renders);
    }

    [Fact]
    public void BucketStep_RegionChange_RedrawsTheStep_WhoseConsoleStepsNameIt()
    {
        IRenderedComponent<RenderCountingBucketStep> step = Render<RenderCountingBucketStep>();
        int stepRenders = step.Instance.Renders;

        OnDispatcher(() => State.SetRegion("eu-central-1"));

        step.WaitForAssertion(() => Assert.Contains("eu-central-1", step.Find("ol").TextContent, StringComparison.Ordinal));
        Assert.True(step.Instance.Renders > stepRenders);
    }

    /// <summary>The bucket step, counting its own renders (not its children's).</summary>
    public sealed class RenderCountingBucketStep : BucketStep
    {
        public int Renders { get; private set; }

        protected override void OnAfterRender(bool firstRender)
        {
            Renders++;
            base.OnAfterRender(firstRender);
        }
    }
}
