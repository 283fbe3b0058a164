using IcaKms.Core.Checks;
using IcaKms.Core.Ica;
using IcaKms.Core.Policies;
using IcaKms.Core.Validation;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Documents;

/// <summary>
/// Every check the wizard can make offline, in step order, plus the live ones: placeholders until the live state
/// has been inspected, then the live checks themselves.
/// </summary>
public static class ReviewChecklist
{
    /// <summary>Builds the review of the inputs and their documents.</summary>
    /// <param name="inputs">The wizard's inputs.</param>
    /// <param name="validation">Their validation.</param>
    /// <param name="documents">The generated documents.</param>
    /// <param name="pastedPolicy">The summary check of a policy the admin pasted, if any.</param>
    /// <param name="liveChecks">
    /// The live checks (<see cref="LiveChecks.Evaluate"/>), if the live state was inspected: they replace the
    /// "live-bucket" and "live-key" placeholders, and the versioning check decides the "policy-variant" item.
    /// </param>
    public static IReadOnlyList<SetupCheck> Create(
        SetupInputs inputs,
        SetupValidation validation,
        SetupDocuments documents,
        PolicySummary? pastedPolicy = null,
        IReadOnlyList<SetupCheck>? liveChecks = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(documents);

        IcaRegion region = documents.StorageConfiguration.Region;
        var items = new List<SetupCheck>
        {
            Field("region", WizardStep.Bucket, "ICA region", validation.Region,
                $"{region.DisplayName}: create the bucket and the key in {region.AwsRegion}."),
            Field("bucket-name", WizardStep.Bucket, "Bucket name", validation.BucketName,
                $"{validation.BucketName.Value} follows the S3 naming rules."),
            Field("key-arn", WizardStep.Bucket, "KMS key ARN", validation.KeyArn,
                $"A full key ARN in {region.AwsRegion}, as ICA's Key Name and the IAM policy need."),
            Field("key-prefix", WizardStep.Bucket, "Key prefix", validation.KeyPrefix,
                $"ICA will use the folder {validation.KeyPrefix.Value}; create it with encryption on."),
            PolicyVariantItem(inputs, liveChecks),
            Summary("iam-policy", "IAM policy summary check", documents.IamPolicySummary),
        };

        if (pastedPolicy is not null)
        {
            items.Add(Summary("pasted-policy", "Your existing policy", pastedPolicy));
        }

        items.Add(Field("configuration-name", WizardStep.IcaConfiguration, "ICA configuration name", validation.ConfigurationName,
            $"{validation.ConfigurationName.Value} is accepted by ICA."));
        items.Add(inputs.CrossAccountCopy
            ? Field("cross-account-role", WizardStep.CrossAccount, "Cross-account role", validation.CrossAccountRoleArn,
                "Add the statement to the key policy, keeping every statement already there.")
            : new("cross-account-role", WizardStep.CrossAccount, "Cross-account copy", CheckState.NotChecked,
                "Not chosen: the key policy needs no extra statement."));

        if (liveChecks is null)
        {
            items.Add(new("live-bucket", WizardStep.Bucket, "Bucket exists with SSE-KMS default encryption", CheckState.NotChecked,
                "Not checked offline: in the S3 console, Properties → Default encryption must show SSE-KMS with this key ARN."));
            items.Add(new("live-key", WizardStep.Bucket, "Key is customer managed, symmetric and enabled", CheckState.NotChecked,
                "Not checked offline: in the KMS console the key must be a customer managed, symmetric, enabled key in the same region."));
        }
        else
        {
            // The versioning check is shown as the policy-variant item above, so it is not listed twice.
            items.AddRange(liveChecks.Where(c => c.Id != LiveCheckIds.BucketVersioning));
        }

        return items;
    }

    private static SetupCheck PolicyVariantItem(SetupInputs inputs, IReadOnlyList<SetupCheck>? liveChecks)
    {
        const string title = "Policy variant";
        SetupCheck? versioning = liveChecks?.FirstOrDefault(c => c.Id == LiveCheckIds.BucketVersioning);
        return versioning is null
            ? new("policy-variant", WizardStep.IamPolicy, title, CheckState.NotChecked,
                $"You chose the {(inputs.Variant == PolicyVariant.Versioned ? "versioned/suspended" : "unversioned")} policy; " +
                "the bucket's versioning is not checked offline: confirm it under Properties → Bucket Versioning.")
            : versioning with { Id = "policy-variant", Title = title };
    }

    private static SetupCheck Field(string id, WizardStep step, string title, FieldValidation field, string passDetail)
    {
        if (!field.IsValid)
        {
            return new(id, step, title, CheckState.Fail, field.Error!);
        }

        return field.Warning is null
            ? new(id, step, title, CheckState.Pass, passDetail)
            : new(id, step, title, CheckState.Warning, field.Warning);
    }

    private static string FirstFindings(IReadOnlyList<PolicyFinding> findings)
    {
        const int shown = 2;
        string first = string.Join(" ", findings.Take(shown).Select(f => f.Message));
        return findings.Count > shown ? $"{first} (and {findings.Count - shown} more: see the IAM policy step)" : first;
    }

    private static SetupCheck Summary(string id, string title, PolicySummary summary)
    {
        string detail = summary.InputProblem
            ?? (summary.Findings.Count == 0
                ? $"{summary.StatementCount} statements, {string.Join(", ", summary.Services.Select(s => s.Name))}; " +
                  $"{summary.CharacterCount:N0} of {PolicySummary.CharacterLimit:N0} characters."
                : FirstFindings(summary.Findings));
        return new(id, WizardStep.IamPolicy, title, summary.Verdict, detail);
    }
}
