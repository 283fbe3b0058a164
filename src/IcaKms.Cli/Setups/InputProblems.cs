using IcaKms.Core.Setup;
using IcaKms.Core.Validation;

namespace IcaKms.Cli.Setups;

/// <summary>
/// Core's validation of a setup (<see cref="SetupValidation"/>, the wizard's field rules), told as lines that name the
/// option or property at fault. The CLI adds no rule: it only says which of Core's verdicts block the command.
/// </summary>
internal static class InputProblems
{
    /// <summary>The errors and warnings of the setup's fields, each line starting with the field's name.</summary>
    public static (IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings) Of(SetupInputs inputs, Func<SetupField, string> name, bool requireConfigurationName = false)
    {
        SetupValidation validation = SetupValidation.Of(inputs);
        List<string> errors = [];
        List<string> warnings = [];
        foreach ((SetupField field, FieldValidation result) in Fields(validation))
        {
            // A configuration name not given is the documents' placeholder, as in the wizard before its step 3; ICA needs one.
            if (field == SetupField.ConfigurationName && !requireConfigurationName && string.IsNullOrWhiteSpace(inputs.ConfigurationName))
            {
                continue;
            }

            if (result.Error is { } error)
            {
                errors.Add($"{name(field)}: {error}");
            }
            else if (result.Warning is { } warning)
            {
                warnings.Add($"{name(field)}: {warning}");
            }
        }

        return (errors, warnings);
    }

    private static IEnumerable<(SetupField, FieldValidation)> Fields(SetupValidation v) =>
    [
        (SetupField.Region, v.Region),
        (SetupField.Bucket, v.BucketName),
        (SetupField.KeyArn, v.KeyArn),
        (SetupField.Prefix, v.KeyPrefix),
        (SetupField.CrossAccountRole, v.CrossAccountRoleArn),
        (SetupField.ConfigurationName, v.ConfigurationName),
        (SetupField.IamUser, v.IamUserName),
        (SetupField.PolicyArn, v.PolicyArn),
    ];
}
