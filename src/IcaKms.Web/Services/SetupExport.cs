using IcaKms.Core.Bundle;
using IcaKms.Core.Checks;
using IcaKms.Core.Documents;
using IcaKms.Core.Export;
using IcaKms.Core.Setup;

namespace IcaKms.Web.Services;

/// <summary>
/// The setup as Terraform and CloudFormation for the review's downloads and the zip: from the wizard's inputs, or,
/// while connected with a current inspection, from the plans the apply flow would make of it (what exists imported, the
/// key policy merged as the apply flow merges it). Core decides everything; this only picks the source.
/// </summary>
public sealed class SetupExport(WizardInputs inputs, AwsConnection connection, AwsInspection inspection)
{
    // The last live subject and what it was made from: a render asks several times, the planners run once per change.
    private (SetupDocuments Documents, LiveSnapshot Snapshot, InspectionRequest Request, string Caller, ExportSubject Subject)? _live;

    /// <summary>What the files describe now.</summary>
    public ExportSubject Subject =>
        LiveSubject() ?? ExportSubject.Offline(inputs.Documents.Content);

    /// <summary>True when the files are made from the live state (connected, inspected, inputs unchanged since).</summary>
    public bool FromLiveState => LiveSubject() is not null;

    /// <summary>The live subject for the setup zip, or null offline.</summary>
    public ExportSubject? LiveSubject()
    {
        if (connection.Identity is not { } caller || inspection.Snapshot is not { } snapshot || inspection.InspectionIsStale)
        {
            return null;
        }

        InspectionRequest request = inspection.CurrentRequest();
        if (_live is not { } live || !ReferenceEquals(live.Documents, inputs.Documents) || !ReferenceEquals(live.Snapshot, snapshot) || live.Request != request || live.Caller != caller.Arn)
        {
            _live = live = (inputs.Documents, snapshot, request, caller.Arn, ExportFromPlan.Create(inputs.Documents.Content, request, snapshot, caller.Arn));
        }

        return live.Subject;
    }

    /// <summary>The Terraform folder and its README, zipped.</summary>
    public byte[] TerraformZip() => SetupBundle.Zip(ExportFiles.Terraform(Subject));

    /// <summary>The CloudFormation template, its README (and the import list when something exists), zipped.</summary>
    public byte[] CloudFormationZip() => SetupBundle.Zip(ExportFiles.CloudFormation(Subject));

    /// <summary>The download's name for a format (<c>terraform</c>, <c>cloudformation</c>).</summary>
    public string FileName(string format) => inputs.BundleFileName.Replace(".zip", $"-{format}.zip", StringComparison.Ordinal);
}
