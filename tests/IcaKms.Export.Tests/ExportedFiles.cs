using IcaKms.Core.Bundle;
using IcaKms.Core.Export;
using IcaKms.Core.Setup;

namespace IcaKms.Export.Tests;

/// <summary>One sample's exported files written to a temporary folder (the tools read files), removed at the end.</summary>
internal sealed class ExportedFiles : IDisposable
{
    public ExportedFiles(ExportSubject subject)
    {
        Subject = subject;
        Folder = Directory.CreateTempSubdirectory("icakms-export-").FullName;
        foreach (SetupBundleFile file in ExportFiles.Terraform(subject).Concat(ExportFiles.CloudFormation(subject)))
        {
            string path = Path.Combine(Folder, file.Name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Text);
        }
    }

    public ExportSubject Subject { get; }

    public string Folder { get; }

    public string this[string name] => Path.Combine(Folder, name);

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
