using IcaKms.Core.Export;
using IcaKms.TestKit;

namespace IcaKms.Export.Tests;

/// <summary>The exported Terraform files are as <c>terraform fmt</c> writes them (no init: the formatter needs no provider).</summary>
public class TerraformFormatTests
{
    [ToolFact(Tool.Terraform)]
    public async Task TerraformFiles_AreFormatted_ForEverySample()
    {
        foreach (string name in ExportSamples.Names)
        {
            using var files = new ExportedFiles(ExportSamples.Subject(name));

            (int exitCode, string output, string error) = await Tools.RunAsync(
                ToolFactAttribute.TerraformPath!, ["fmt", "-check", "-diff", "terraform"], files.Folder,
                new Dictionary<string, string> { ["TF_CLI_CONFIG_FILE"] = "/dev/null", ["CHECKPOINT_DISABLE"] = "1" });

            Assert.True(exitCode == 0, $"{name}: terraform fmt -check failed ({exitCode}):\n{output}\n{error}");
        }
    }
}
