using IcaKms.Core.Ica;
using IcaKms.Core.Planning;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Planning.Ica;

/// <summary>
/// Plans the ICA side: the credential (existing, from a pasted key, or from a new IAM key), the configuration (created,
/// or the existing one of that name when it matches the wizard's values), the optional share, and the validation. A
/// configuration of that name with other values is never duplicated or changed: the plan names the differences.
/// </summary>
public static class IcaPlanner
{
    /// <summary>The plan for the request; <see cref="SetupPlan.Blockers"/> say what keeps it from being made.</summary>
    public static SetupPlan Plan(IcaPlanRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var blockers = new List<string>(request.InputProblems);
        if (request.Region is null)
        {
            blockers.Add(request.RegionProblem ?? "ICA lists no region for the wizard's region.");
        }

        var notes = new List<string>
        {
            "ICA's public API has no call to make a configuration the region's default: after validation, set it as default in ICA (System Settings → Storage) if you want new projects to use it.",
        };
        if (blockers.Count > 0)
        {
            return new SetupPlan(WizardStep.IcaConfiguration, [], blockers, notes);
        }

        IcaApiRegion region = request.Region!;
        StorageConfiguration? existing = StorageConfigurationComparison.Named(request.Configurations, request.Wanted.ConfigurationName);
        if (existing is not null)
        {
            IReadOnlyList<ConfigurationDifference> differences = StorageConfigurationComparison.Compare(existing, request.Wanted, region);
            if (differences.Count > 0)
            {
                blockers.Add($"ICA already has a storage configuration named {existing.Name} with other values ({string.Join("; ", differences.Select(d => $"{d.Field}: {Shown(d.InIca)} in ICA, {Shown(d.InWizard)} here"))}). " +
                    "IcaKms does not change or duplicate it: choose another configuration name in step 3, or correct it in ICA.");
                return new SetupPlan(WizardStep.IcaConfiguration, [], blockers, notes);
            }

            notes.Insert(0, $"ICA already has the storage configuration {existing.Name} with the wizard's values on every field ICA's API shows (status {existing.Status}): it is validated again, not created. " +
                StorageConfigurationComparison.CredentialNotShown);
            List<SetupChange> again = [];
            if (request.Share)
            {
                again.Add(new ShareStorageConfigurationChange(request.ApiUrl, existing.Name, existing.Id));
            }

            again.Add(new ValidateStorageConfigurationChange(request.ApiUrl, existing.Name, existing.Id));
            return new SetupPlan(WizardStep.IcaConfiguration, again, [], notes);
        }

        var changes = new List<SetupChange>();
        string credentialId = StorageConfigurationRequest.StorageCredentialIdPlaceholder;
        switch (request.Credential)
        {
            case null:
                blockers.Add("Choose the storage credential: an existing one, a pasted access key of the ICA IAM user, or a new key IcaKms creates for that user.");
                break;
            case { Source: CredentialSource.Existing } choice:
                if (request.Credentials.FirstOrDefault(c => c.Id == choice.ExistingId) is { } picked)
                {
                    credentialId = picked.Id;
                }
                else
                {
                    blockers.Add("The chosen storage credential is no longer in ICA: refresh the list and choose again.");
                }

                break;
            case { } choice:
                if (CredentialChoice.NameProblem(choice.Name) is { } nameProblem)
                {
                    blockers.Add(nameProblem);
                }
                else if (request.Credentials.Any(c => string.Equals(c.Name, choice.Name, StringComparison.Ordinal)))
                {
                    blockers.Add($"ICA already has a storage credential named {choice.Name}: pick it from the list, or give the new one another name.");
                }
                else if (choice.Source == CredentialSource.NewIamKey)
                {
                    if (string.IsNullOrEmpty(choice.IamUserName))
                    {
                        blockers.Add("Enter the ICA IAM user in step 2: the new access key is made for that user.");
                    }
                    else
                    {
                        changes.Add(new CreateIamAccessKeyChange(choice.IamUserName));
                        changes.Add(new CreateStorageCredentialChange(request.ApiUrl, choice.Name, CredentialSource.NewIamKey, null));
                        notes.Add($"The new access key's secret is handed from IAM straight to ICA inside this server: it is never shown, stored or logged. IAM lets {choice.IamUserName} hold at most two access keys.");
                    }
                }
                else
                {
                    changes.Add(new CreateStorageCredentialChange(request.ApiUrl, choice.Name, CredentialSource.PastedKey, choice.AccessKeyId));
                    notes.Add("The pasted secret access key goes to ICA only, when you confirm; IcaKms forgets it then and never shows, stores or logs it.");
                }

                break;
        }

        if (blockers.Count > 0)
        {
            return new SetupPlan(WizardStep.IcaConfiguration, [], blockers, notes);
        }

        StorageConfigurationRequest body = StorageConfigurationRequest.Create(request.Wanted, credentialId, region.Id);
        changes.Add(new CreateStorageConfigurationChange(request.ApiUrl, body) { After = StorageConfigurationRequest.Serialize(body) });
        if (request.Share)
        {
            changes.Add(new ShareStorageConfigurationChange(request.ApiUrl, body.Name, null));
        }

        changes.Add(new ValidateStorageConfigurationChange(request.ApiUrl, body.Name, null));
        return new SetupPlan(WizardStep.IcaConfiguration, changes, [], notes);
    }

    private static string Shown(string value) => value.Length == 0 ? "(none)" : value;
}
