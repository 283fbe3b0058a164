using System.IO.Compression;
using IcaKms.Core.Export;
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
    public void DownloadAll_OffersZipWithTheDocumentsAndTheSetupAsCode()
    {
        FillValidBucketStep();
        State.SetConfigurationName("lab-kms");
        IRenderedComponent<ReviewStep> step = Render<ReviewStep>();

        step.FindAll("button").Single(b => b.TextContent.Contains("Download all", StringComparison.Ordinal)).Click();

        JSRuntimeInvocation call = Assert.Single(JSInterop.Invocations, i => i.Identifier == "icakms.download");
        Assert.Equal("icakms-lab-ica-data.zip", call.Arguments[0]);
        using var zip = new ZipArchive(new MemoryStream((byte[])call.Arguments[2]!));
        Assert.Equal(
            [
                "README.txt", "cloudformation-README.md", "cloudformation.json", "iam-policy.json", "ica-storage-configuration.json", "kms-key-policy-statement.json",
                "terraform/README.md", "terraform/main.tf", "terraform/outputs.tf", "terraform/variables.tf",
            ],
            zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TerraformDownload_OffersTheConfigurationAndItsReadme()
    {
        FillValidBucketStep();
        IRenderedComponent<ReviewStep> step = Render<ReviewStep>();

        step.FindAll("button").Single(b => b.TextContent.Contains("Terraform (zip)", StringComparison.Ordinal)).Click();

        JSRuntimeInvocation call = Assert.Single(JSInterop.Invocations, i => i.Identifier == "icakms.download");
        Assert.Equal("icakms-lab-ica-data-terraform.zip", call.Arguments[0]);
        using var zip = new ZipArchive(new MemoryStream((byte[])call.Arguments[2]!));
        Assert.Equal(["terraform/main.tf", "terraform/variables.tf", "terraform/outputs.tf", "terraform/README.md"], zip.Entries.Select(e => e.FullName));
        Assert.Equal(TerraformExport.MainTf(ExportSubject.Offline(State.Documents.Content)), Read(zip, "terraform/main.tf"));
        Assert.Empty(step.FindAll("[data-testid=export-live]"));
    }

    [Fact]
    public void CloudFormationDownload_OffersTheTemplateAndItsReadme()
    {
        FillValidBucketStep();
        IRenderedComponent<ReviewStep> step = Render<ReviewStep>();

        step.FindAll("button").Single(b => b.TextContent.Contains("CloudFormation (zip)", StringComparison.Ordinal)).Click();

        JSRuntimeInvocation call = Assert.Single(JSInterop.Invocations, i => i.Identifier == "icakms.download");
        Assert.Equal("icakms-lab-ica-data-cloudformation.zip", call.Arguments[0]);
        using var zip = new ZipArchive(new MemoryStream((byte[])call.Arguments[2]!));
        Assert.Equal(["cloudformation.json", "cloudformation-README.md"], zip.Entries.Select(e => e.FullName));
        Assert.Equal(CloudFormationExport.Template(ExportSubject.Offline(State.Documents.Content)), Read(zip, "cloudformation.json"));
    }

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }
}
