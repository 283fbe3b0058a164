using IcaKms.Core.Bundle;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Export;

/// <summary>The export's files, with the names they have in the setup zip and as single downloads.</summary>
public static class ExportFiles
{
    /// <summary>The Terraform configuration.</summary>
    public const string MainTf = "terraform/main.tf";

    /// <summary>The Terraform variables.</summary>
    public const string VariablesTf = "terraform/variables.tf";

    /// <summary>The Terraform outputs.</summary>
    public const string OutputsTf = "terraform/outputs.tf";

    /// <summary>How to run the Terraform configuration.</summary>
    public const string TerraformReadme = "terraform/README.md";

    /// <summary>The CloudFormation template.</summary>
    public const string CloudFormationTemplate = "cloudformation.json";

    /// <summary>How to deploy the template.</summary>
    public const string CloudFormationReadme = "cloudformation-README.md";

    /// <summary>The IMPORT change set's resources (only when something exists).</summary>
    public const string CloudFormationImports = "cloudformation-resources-to-import.json";

    /// <summary>The Terraform files.</summary>
    public static IReadOnlyList<SetupBundleFile> Terraform(ExportSubject subject) =>
    [
        new(MainTf, TerraformExport.MainTf(subject)),
        new(VariablesTf, TerraformVariables.VariablesTf(subject)),
        new(OutputsTf, TerraformVariables.OutputsTf(subject)),
        new(TerraformReadme, ExportReadme.Terraform(subject)),
    ];

    /// <summary>The CloudFormation files.</summary>
    public static IReadOnlyList<SetupBundleFile> CloudFormation(ExportSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        List<SetupBundleFile> files =
        [
            new(CloudFormationTemplate, CloudFormationExport.Template(subject)),
            new(CloudFormationReadme, ExportReadme.CloudFormation(subject)),
        ];
        if (subject.ImportsAnything)
        {
            files.Add(new(CloudFormationImports, CloudFormationExport.ResourcesToImport(subject)));
        }

        return files;
    }
}
