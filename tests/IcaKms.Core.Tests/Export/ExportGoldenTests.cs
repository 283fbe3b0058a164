using IcaKms.Core.Bundle;
using System.Runtime.CompilerServices;
using IcaKms.Core.Setup;
using IcaKms.TestKit;

namespace IcaKms.Core.Tests.Export;

/// <summary>
/// The generated Terraform and CloudFormation files, compared byte for byte with the files under Golden/. A change of
/// the generator changes them deliberately: run with ICAKMS_UPDATE_GOLDEN=1 to rewrite them, then read the diff.
/// </summary>
public class ExportGoldenTests
{
    public static TheoryData<string> Cases => [.. ExportSamples.Names];

    [Theory]
    [MemberData(nameof(Cases))]
    public void ExportFiles_EqualTheGoldens_ForEachCase(string name)
    {
        string folder = Path.Combine(GoldenRoot(), name);
        IReadOnlyList<SetupBundleFile> files = ExportSamples.Files(ExportSamples.Subject(name));
        if (Environment.GetEnvironmentVariable("ICAKMS_UPDATE_GOLDEN") == "1")
        {
            foreach (SetupBundleFile file in files)
            {
                string path = Path.Combine(folder, file.Name);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, file.Text);
            }
        }

        string[] expectedNames = [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(folder, p).Replace('\\', '/')).Order(StringComparer.Ordinal)];
        Assert.Equal(expectedNames, files.Select(f => f.Name).Order(StringComparer.Ordinal));
        foreach (SetupBundleFile file in files)
        {
            Assert.Equal(File.ReadAllText(Path.Combine(folder, file.Name)), file.Text);
        }
    }

    /// <summary>The goldens' folder in the source tree (they are read where they are kept, never copied).</summary>
    internal static string GoldenRoot([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "Golden");
}
