using System.Reflection;

namespace IcaKms.Cli.Tests;

/// <summary>
/// The CLI as users get it: packed as a .NET tool, installed with <c>dotnet tool install</c> from the local package
/// (a NuGet config with that folder as its only source, so nothing is fetched), and run as <c>icakms</c>. The pack
/// reuses the build this test project already made (<c>--no-build</c>, same configuration): a few seconds.
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "icakms-tool-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Pack_InstallsAsADotnetTool_ThatWritesTheSameDocuments()
    {
        string root = ToolProcess.RepositoryRoot();
        // The configuration this test project (and so the CLI it references) was built in.
        string configuration = typeof(ToolPackageTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        string packages = Path.Combine(_dir, "nupkg");
        string tools = Path.Combine(_dir, "tools");
        Directory.CreateDirectory(_dir);
        string nugetConfig = Path.Combine(_dir, "nuget.config");
        File.WriteAllText(nugetConfig, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="local" value="{packages}" /></packageSources></configuration>
            """);

        CliResult pack = await ToolProcess.RunAsync("dotnet", ["pack", Path.Combine(root, "src", "IcaKms.Cli"), "--no-build", "-c", configuration, "-o", packages]);
        Assert.True(pack.ExitCode == 0, pack.All);
        Assert.Single(Directory.GetFiles(packages, "IcaKms.Cli.*.nupkg"));

        CliResult install = await ToolProcess.RunAsync(
            "dotnet", ["tool", "install", "--tool-path", tools, "--configfile", nugetConfig, "--add-source", packages, "IcaKms.Cli"], _dir);
        Assert.True(install.ExitCode == 0, install.All);

        string icakms = Path.Combine(tools, OperatingSystem.IsWindows() ? "icakms.exe" : "icakms");
        string[] setup = ["--region", "us-east-1", "--bucket", "my-ica-bucket", "--key-arn", "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", "--prefix", "ica/"];
        CliResult installed = await ToolProcess.RunAsync(icakms, ["documents", .. setup, "-o", Path.Combine(_dir, "installed")]);
        CliResult inProcess = await new CliRun().RunAsync(["documents", .. setup, "-o", Path.Combine(_dir, "in-process")]);

        Assert.True(installed.ExitCode == 0, installed.All);
        Assert.Equal(0, inProcess.ExitCode);
        foreach (string file in Directory.GetFiles(Path.Combine(_dir, "in-process")))
        {
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(_dir, "installed", Path.GetFileName(file))));
        }

        CliResult badArgument = await ToolProcess.RunAsync(icakms, ["documents", "--bucket", "Bad_Bucket", "-o", Path.Combine(_dir, "bad")]);
        Assert.Equal(3, badArgument.ExitCode);
        Assert.Contains("--bucket: ", badArgument.Error, StringComparison.Ordinal);
    }
}
