using System.IO.Compression;
using IcaKms.Web.Components.Wizard;
using MudBlazor;

namespace IcaKms.Web.Tests.Wizard;

public class ReviewStepTests : WizardTestContext
{
    [Fact]
    public void Checks_ShowFail_ForInvalidBucketName()
    {
        FillValidBucketStep();
        State.SetBucketName("Bad_Bucket");

        IRenderedComponent<ReviewStep> step = Render<ReviewStep>();

        Assert.Contains("fail", step.Find("[data-testid=check-bucket-name]").TextContent, StringComparison.Ordinal);
        Assert.Contains("pass", step.Find("[data-testid=check-key-arn]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void DownloadAll_OffersZipWithFourFiles()
    {
        FillValidBucketStep();
        State.SetConfigurationName("lab-kms");
        IRenderedComponent<ReviewStep> step = Render<ReviewStep>();

        step.FindAll("button").Single(b => b.TextContent.Contains("Download all", StringComparison.Ordinal)).Click();

        JSRuntimeInvocation call = Assert.Single(JSInterop.Invocations, i => i.Identifier == "icakms.download");
        Assert.Equal("icakms-lab-ica-data.zip", call.Arguments[0]);
        using var zip = new ZipArchive(new MemoryStream((byte[])call.Arguments[2]!));
        Assert.Equal(
            ["README.txt", "iam-policy.json", "ica-storage-configuration.json", "kms-key-policy-statement.json"],
            zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
    }
}
