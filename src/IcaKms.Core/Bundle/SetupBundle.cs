using System.IO.Compression;
using System.Text;
using IcaKms.Core.Ica;
using IcaKms.Core.Policies;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Bundle;

/// <summary>The documents of the downloadable zip: the policies, the ICA API body and a README with the console steps.</summary>
public static class SetupBundle
{
    /// <summary>
    /// The timestamp of every entry, so the same content yields the same bytes (on the same platform:
    /// the zip's "made by" field names the operating system).
    /// </summary>
    public static DateTimeOffset EntryTimestamp { get; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The files' text, in the order they are written.</summary>
    public static IReadOnlyList<SetupBundleFile> CreateFiles(SetupBundleContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return
        [
            new(SetupFileNames.IamPolicy, PolicyJson.Serialize(content.IamPolicy())),
            new(SetupFileNames.KeyPolicyStatement, PolicyJson.Serialize(content.KeyPolicyStatement())),
            new(SetupFileNames.StorageConfiguration, StorageConfigurationRequest.Serialize(content.ApiRequest())),
            new(SetupFileNames.Readme, SetupReadme.Create(content)),
        ];
    }

    /// <summary>Builds the zip in memory.</summary>
    public static byte[] CreateZip(SetupBundleContent content) => Zip(CreateFiles(content));

    /// <summary>A zip of the files, in their order, each with <see cref="EntryTimestamp"/> (the same files give the same bytes).</summary>
    public static byte[] Zip(IReadOnlyList<SetupBundleFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (SetupBundleFile file in files)
            {
                ZipArchiveEntry entry = zip.CreateEntry(file.Name, CompressionLevel.Optimal);
                entry.LastWriteTime = EntryTimestamp;
                using Stream entryStream = entry.Open();
                entryStream.Write(Encoding.UTF8.GetBytes(file.Text));
            }
        }

        return stream.ToArray();
    }
}
