using IcaKms.Core.Bundle;
using IcaKms.Core.Documents;
using System.IO.Compression;
using IcaKms.Core;
using IcaKms.Core.Policies;
using IcaKms.Core.Setup;

namespace IcaKms.Cli.Tests;

public sealed class DocumentsCommandTests : IDisposable
{
    private const string KeyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "icakms-docs-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    public static TheoryData<string[], SetupInputs> Setups()
    {
        string role = IcaRegions.FindByAwsRegion("us-east-1")!.CrossAccountRoleArn!;
        var plain = new SetupInputs { AwsRegion = "us-east-1", BucketName = "my-ica-bucket", KeyArn = KeyArn };
        return new TheoryData<string[], SetupInputs>
        {
            { [], plain },
            { ["--prefix", "runs", "--versioned"], plain with { KeyPrefix = "runs", Variant = PolicyVariant.Versioned } },
            { ["--cross-account", "--configuration-name", "lab-data", "--description", "Lab runs"],
                plain with { CrossAccountCopy = true, CrossAccountRoleArn = role, ConfigurationName = "lab-data", Description = "Lab runs" } },
            { ["--prefix", "ica/", "--scope-objects-to-prefix", "--cross-account-role", "arn:aws:iam::079623148045:role/ica_use1_crossacct"],
                plain with { KeyPrefix = "ica/", ScopeObjectsToPrefix = true, CrossAccountCopy = true, CrossAccountRoleArn = role } },
        };
    }

    [Theory]
    [MemberData(nameof(Setups))]
    public async Task Documents_WritesTheWizardZipsFilesByteForByte_ForEachChoice(string[] extra, SetupInputs wizard)
    {
        CliResult result = await new CliRun().RunAsync(
            ["documents", "--region", "us-east-1", "--bucket", "my-ica-bucket", "--key-arn", KeyArn, .. extra, "-o", _dir]);

        Assert.Equal(0, result.ExitCode);
        // The zip the wizard's Download button serves for the same choices (WizardInputs.CreateBundle without live checks).
        byte[] zip = SetupBundle.CreateZip(SetupDocuments.Create(wizard, SetupValidation.Of(wizard)).Content);
        using var archive = new ZipArchive(new MemoryStream(zip));
        Assert.Equal(SetupFileNames.All, archive.Entries.Select(e => e.Name));
        Assert.Equal(archive.Entries.Select(e => e.Name).Order(), Directory.GetFiles(_dir).Select(Path.GetFileName).Order());
        foreach (ZipArchiveEntry entry in archive.Entries)
        {
            using var expected = new MemoryStream();
            using (Stream stream = entry.Open())
            {
                stream.CopyTo(expected);
            }

            Assert.Equal(expected.ToArray(), File.ReadAllBytes(Path.Combine(_dir, entry.Name)));
        }

        Assert.Contains(Path.Combine(_dir, SetupFileNames.IamPolicy), result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Documents_BadValues_NameEachOptionAndExit3WithoutWriting()
    {
        CliResult result = await new CliRun().RunAsync(
            "documents", "--region", "us-east-1", "--bucket", "My_Bucket", "--key-arn", "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", "-o", _dir);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("--bucket: Bucket names cannot contain capital letters", result.Error, StringComparison.Ordinal);
        Assert.Contains("--key-arn: ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("--region:", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir));
    }

    [Theory]
    [InlineData("--region", "mars-north-1", "--region: ")]
    [InlineData("--prefix", "/abs", "--prefix: ")]
    [InlineData("--configuration-name", "X", "--configuration-name: ")]
    [InlineData("--cross-account-role", "arn:aws:iam::079623148045:user/nope", "--cross-account-role: ")]
    public async Task Documents_OneBadOption_IsNamedWithExit3(string option, string value, string message)
    {
        string[] args = ["documents", "--region", "us-east-1", "--bucket", "my-ica-bucket", "--key-arn", KeyArn, "-o", _dir];
        int at = Array.IndexOf(args, option);
        args = at >= 0 ? [.. args[..(at + 1)], value, .. args[(at + 2)..]] : [.. args, option, value];

        CliResult result = await new CliRun().RunAsync(args);

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith(message, result.Error.Split('\n').First(l => !l.StartsWith("warning:", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("documents", "--bucket", "b")]
    [InlineData("documents", "--no-such-option")]
    [InlineData("no-such-command")]
    public async Task Parse_UnknownOrMissingOptions_Exit3WithAMessage(params string[] args)
    {
        CliResult result = await new CliRun().RunAsync(args);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("icakms --help", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("documents")]
    [InlineData("export")]
    [InlineData("check")]
    [InlineData("apply")]
    [InlineData("verify")]
    [InlineData("ica")]
    [InlineData("ica apply")]
    [InlineData("ica validate")]
    [InlineData("ica watch")]
    public async Task Help_EveryCommand_ShowsExamples(string command)
    {
        CliResult result = await new CliRun().RunAsync([.. command.Split(' '), "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Examples:", result.Out, StringComparison.Ordinal);
        Assert.Contains($"icakms {command} ", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_TheRootCommand_ListsEveryCommand()
    {
        CliResult result = await new CliRun().RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        foreach (string command in new[] { "documents", "export", "check", "apply", "verify", "ica" })
        {
            Assert.Contains($"  {command} ", result.Out, StringComparison.Ordinal);
        }
    }
}
