using IcaKms.Core.Bundle;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Export;

/// <summary>The setup zip: the wizard's documents (<see cref="SetupBundle"/>), then the setup as Terraform and CloudFormation.</summary>
public static class ExportBundle
{
    /// <summary>Every file a zip without imports holds, in its order (one with imports adds <see cref="ExportFiles.CloudFormationImports"/>).</summary>
    public static IReadOnlyList<string> FileNames { get; } =
    [
        .. SetupFileNames.All,
        ExportFiles.MainTf, ExportFiles.VariablesTf, ExportFiles.OutputsTf, ExportFiles.TerraformReadme,
        ExportFiles.CloudFormationTemplate, ExportFiles.CloudFormationReadme,
    ];

    /// <summary>The files, in the order the zip holds them.</summary>
    /// <param name="content">The wizard's choices (and the live record for the README).</param>
    /// <param name="liveExport">The subject made from a live inspection; null for the inputs alone.</param>
    public static IReadOnlyList<SetupBundleFile> CreateFiles(SetupBundleContent content, ExportSubject? liveExport = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ExportSubject subject = liveExport ?? ExportSubject.Offline(content);
        return [.. SetupBundle.CreateFiles(content), .. ExportFiles.Terraform(subject), .. ExportFiles.CloudFormation(subject)];
    }

    /// <summary>Builds the zip in memory.</summary>
    public static byte[] CreateZip(SetupBundleContent content, ExportSubject? liveExport = null) => SetupBundle.Zip(CreateFiles(content, liveExport));
}
