using IcaKms.Web.Components.Wizard;
using MudBlazor;

namespace IcaKms.Web.Tests.Wizard;

public class BucketStepTests : WizardTestContext
{
    private IRenderedComponent<BucketStep> RenderStep()
    {
        return Render<BucketStep>();
    }

    private static string FieldText(IRenderedComponent<BucketStep> step, string testId) =>
        step.Find($"input[data-testid={testId}]").Closest(".mud-input-control")!.TextContent;

    [Fact]
    public void KeyField_KeepsError_WhileTypingMoreCharacters()
    {
        IRenderedComponent<BucketStep> step = RenderStep();

        step.Find("input[data-testid=key-arn]").Input("arn:aws:kms:us-east-1:123456789012:alias/ic");
        step.Find("input[data-testid=key-arn]").Input("arn:aws:kms:us-east-1:123456789012:alias/ica");

        step.WaitForAssertion(() => Assert.Contains("alias resolves in the caller's account", FieldText(step, "key-arn"), StringComparison.Ordinal));
        Assert.Equal("true", step.Find("input[data-testid=key-arn]").GetAttribute("aria-invalid"));
    }

    [Fact]
    public void KeyField_ShowsRegionMismatch_WhenKeyFromOtherRegion()
    {
        IRenderedComponent<BucketStep> step = RenderStep();

        step.Find("input[data-testid=key-arn]").Input("arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");

        step.WaitForAssertion(() => Assert.Contains("eu-west-1", FieldText(step, "key-arn"), StringComparison.Ordinal));
    }

    [Fact]
    public void KeyField_ClearsError_WhenFixed()
    {
        IRenderedComponent<BucketStep> step = RenderStep();
        step.Find("input[data-testid=key-arn]").Input("alias/aws/s3");

        step.Find("input[data-testid=key-arn]").Input(KeyArn);

        step.WaitForAssertion(() => Assert.Equal("false", step.Find("input[data-testid=key-arn]").GetAttribute("aria-invalid")));
        Assert.Equal(KeyArn, State.Inputs.KeyArn);
    }

    [Fact]
    public void PrefixField_ShowsNormalizedValue_WhenSlashMissing()
    {
        IRenderedComponent<BucketStep> step = RenderStep();

        step.Find("input[data-testid=key-prefix]").Input("runs");

        step.WaitForAssertion(() => Assert.Contains("Will be used as: runs/", step.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void PrefixField_WarnsAboutBucketRoot_WhenEmpty()
    {
        IRenderedComponent<BucketStep> step = RenderStep();

        Assert.Contains("bucket root", step.Find("[role=status]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyField_PointsScreenReaderAtError_WhenInvalid()
    {
        IRenderedComponent<BucketStep> step = RenderStep();

        step.Find("input[data-testid=key-arn]").Input("alias/x");

        step.WaitForAssertion(() =>
        {
            string describedBy = step.Find("input[data-testid=key-arn]").GetAttribute("aria-describedby")!;
            Assert.Contains("alias resolves", step.Find($"#{describedBy}").TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void EmptyRequiredField_SaysSo_OnlyAfterItLostFocus()
    {
        IRenderedComponent<BucketStep> step = RenderStep();
        Assert.Equal("false", step.Find("input[data-testid=bucket-name]").GetAttribute("aria-invalid"));

        step.Find("input[data-testid=bucket-name]").Blur();

        step.WaitForAssertion(() => Assert.Equal("true", step.Find("input[data-testid=bucket-name]").GetAttribute("aria-invalid")));
        Assert.Contains("bucket name is required", FieldText(step, "bucket-name"), StringComparison.Ordinal);
        Assert.Equal("false", step.Find("input[data-testid=key-arn]").GetAttribute("aria-invalid"));
    }

    [Fact]
    public void RegionPicker_SetsTheRegion_AndTheKeyPlaceholderFollows()
    {
        IRenderedComponent<BucketStep> step = RenderStep();

        step.Find("select[data-testid=region]").Change("ap-southeast-2");

        Assert.Equal("ap-southeast-2", State.Inputs.AwsRegion);
        step.WaitForAssertion(() => Assert.Contains("arn:aws:kms:ap-southeast-2:", step.Find("input[data-testid=key-arn]").GetAttribute("placeholder"), StringComparison.Ordinal));
        Assert.Equal("ap-southeast-2", step.Find("select[data-testid=region]").GetAttribute("value"));
    }
}
