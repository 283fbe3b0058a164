using IcaKms.Core.Bundle;
using System.IO.Compression;
using System.Text;
using IcaKms.Core.Export;
using IcaKms.Core.Setup;
using IcaKms.TestKit;

namespace IcaKms.Core.Tests.Export;

/// <summary>The setup zip: the wizard's four documents, then the Terraform files, then the CloudFormation files.</summary>
public class ExportBundleTests
{
    [Fact]
    public void CreateZip_HoldsTheDocumentsThenTerraformThenCloudFormation_InOrder()
    {
        Dictionary<string, byte[]> files = Unzip(ExportBundle.CreateZip(Samples.Content()));

        Assert.Equal(
            [
                "iam-policy.json", "kms-key-policy-statement.json", "ica-storage-configuration.json", "README.txt",
                "terraform/main.tf", "terraform/variables.tf", "terraform/outputs.tf", "terraform/README.md",
                "cloudformation.json", "cloudformation-README.md",
            ],
            files.Keys);
        Assert.Equal(ExportBundle.FileNames, files.Keys);
    }

    [Fact]
    public void CreateZip_AddsTheImportList_WhenTheLiveExportImports()
    {
        Dictionary<string, byte[]> files = Unzip(ExportBundle.CreateZip(Samples.Content(), ExportSamples.Connected()));

        Assert.Equal([.. ExportBundle.FileNames, "cloudformation-resources-to-import.json"], files.Keys);
        Assert.Contains("import {", Encoding.UTF8.GetString(files["terraform/main.tf"]), StringComparison.Ordinal);
    }

    [Fact]
    public void CreateZip_HoldsTheExportOfTheContent_WhenOffline()
    {
        SetupBundleContent content = Samples.Content(role: ExportSamples.Role);

        Dictionary<string, byte[]> files = Unzip(ExportBundle.CreateZip(content));

        Assert.Equal(TerraformExport.MainTf(ExportSubject.Offline(content)), Encoding.UTF8.GetString(files["terraform/main.tf"]));
        Assert.Equal(CloudFormationExport.Template(ExportSubject.Offline(content)), Encoding.UTF8.GetString(files["cloudformation.json"]));
        Assert.Equal(SetupBundle.CreateFiles(content)[0].Text, Encoding.UTF8.GetString(files["iam-policy.json"]));
    }

    private static Dictionary<string, byte[]> Unzip(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = new MemoryStream();
            using (Stream entry = e.Open())
            {
                entry.CopyTo(stream);
            }

            return stream.ToArray();
        });
    }
}
