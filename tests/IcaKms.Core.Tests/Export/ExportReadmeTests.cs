using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IcaKms.Core.Bundle;
using IcaKms.Core.Export;
using IcaKms.TestKit;

namespace IcaKms.Core.Tests.Export;

/// <summary>The READMEs name exactly what the files import, and say how an existing key is held.</summary>
public partial class ExportReadmeTests
{
    public static TheoryData<string> Cases => [.. ExportSamples.Names];

    [Theory]
    [MemberData(nameof(Cases))]
    public void TerraformReadme_NamesExactlyTheImportBlocks_ForEachCase(string name)
    {
        IReadOnlyList<SetupBundleFile> files = ExportSamples.Files(ExportSamples.Subject(name));
        string main = Text(files, ExportFiles.MainTf);
        string readme = Text(files, ExportFiles.TerraformReadme);

        string[] imported = [.. ImportTarget().Matches(main).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal)];
        string[] listed = [.. Bullets(readme, "## What exists already").SelectMany(line => TerraformAddress().Matches(line).Select(m => m.Groups[1].Value)).Order(StringComparer.Ordinal)];

        Assert.Equal(imported, listed);
        Assert.Equal(name == "connected", imported.Length > 0);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CloudFormationReadme_NamesExactlyTheResourcesToImport_ForEachCase(string name)
    {
        IReadOnlyList<SetupBundleFile> files = ExportSamples.Files(ExportSamples.Subject(name));
        string readme = Text(files, ExportFiles.CloudFormationReadme);
        string[] toImport = files.Any(f => f.Name == ExportFiles.CloudFormationImports)
            ? [.. JsonNode.Parse(Text(files, ExportFiles.CloudFormationImports))!.AsArray().Select(r => r!["LogicalResourceId"]!.GetValue<string>()).Order(StringComparer.Ordinal)]
            : [];
        string[] listed = [.. Bullets(readme, "Imported (deleting the stack leaves each in place):").Select(line => LogicalId().Match(line).Groups[1].Value).Order(StringComparer.Ordinal)];

        Assert.Equal(toImport, listed);
    }

    [Theory]
    [InlineData("offline-new-key", null)]
    [InlineData("offline-given-key", "never imported")]
    [InlineData("connected", "never imported")]
    public void TerraformReadme_SaysTheExistingKeyIsNotImported(string name, string? expected)
    {
        string readme = Text(ExportSamples.Files(ExportSamples.Subject(name)), ExportFiles.TerraformReadme);

        Assert.Equal(expected is not null, readme.Contains("## The existing key", StringComparison.Ordinal));
        if (expected is not null)
        {
            Assert.Contains(expected, readme, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("offline-given-key", "the parameter `KmsKeyArn`, not a resource of the stack")]
    [InlineData("connected", "imported as `KmsKey` with `DeletionPolicy: Retain` only so the stack manages its policy")]
    public void CloudFormationReadme_SaysHowTheExistingKeyIsHeld(string name, string expected) =>
        Assert.Contains(expected, Text(ExportSamples.Files(ExportSamples.Subject(name)), ExportFiles.CloudFormationReadme), StringComparison.Ordinal);

    private static string Text(IReadOnlyList<SetupBundleFile> files, string name) => files.Single(f => f.Name == name).Text;

    // The "- " lines right after the heading (none when the heading is absent).
    private static IEnumerable<string> Bullets(string readme, string heading) =>
        readme.Split('\n').SkipWhile(line => line != heading).Skip(1).SkipWhile(line => line.Length == 0 || !line.StartsWith("- ", StringComparison.Ordinal) && !line.StartsWith('#'))
            .TakeWhile(line => line.StartsWith("- ", StringComparison.Ordinal));

    [GeneratedRegex(@"import \{\s+to = (\S+)")]
    private static partial Regex ImportTarget();

    [GeneratedRegex(@"`(aws_[a-z0-9_]+\.[a-z_]+)`")]
    private static partial Regex TerraformAddress();

    [GeneratedRegex(@"^- `(\w+)`")]
    private static partial Regex LogicalId();
}
