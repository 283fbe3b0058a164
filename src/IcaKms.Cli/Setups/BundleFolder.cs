using System.Text;
using IcaKms.Core.Bundle;

namespace IcaKms.Cli.Setups;

/// <summary>
/// Writes files of the wizard's zip into a folder, byte for byte as the zip holds them (UTF-8 without a byte-order
/// mark), keeping a name's folder (<c>terraform/main.tf</c>): what <c>documents</c> and <c>export</c> both do.
/// </summary>
internal static class BundleFolder
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="files"/> under <paramref name="outDir"/>, printing each path; exit code 3 when it cannot.</summary>
    public static int Write(CliHost host, IReadOnlyList<SetupBundleFile> files, string outDir)
    {
        try
        {
            Directory.CreateDirectory(outDir);
            foreach (SetupBundleFile file in files)
            {
                string path = Path.Combine(outDir, file.Name.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, file.Text, Utf8NoBom);
                host.Out.WriteLine(path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            host.Error.WriteLine($"--out-dir: cannot write into '{outDir}': {ex.Message}");
            return ExitCodes.CouldNotRun;
        }

        return ExitCodes.Success;
    }
}
