using IcaKms.Core.Setup;

namespace IcaKms.Web.Components.Wizard;

/// <summary>The title each wizard step shows, in the stepper and wherever a check links back to its step.</summary>
internal static class StepTitles
{
    public static string Of(WizardStep step) => step switch
    {
        WizardStep.Bucket => "Bucket",
        WizardStep.IamPolicy => "IAM policy",
        WizardStep.IcaConfiguration => "ICA configuration",
        WizardStep.CrossAccount => "Cross-account copy",
        _ => "Review",
    };

    /// <summary>The line under the title in the stepper.</summary>
    public static string SecondaryOf(WizardStep step) => step switch
    {
        WizardStep.Bucket => "S3 and KMS key",
        WizardStep.IamPolicy => "Permissions for ICA",
        WizardStep.IcaConfiguration => "Storage form values",
        WizardStep.CrossAccount => "Optional",
        _ => "Checks and downloads",
    };

    /// <summary>The step a title belongs to (the stepper's label templates know a step by its title).</summary>
    public static WizardStep? StepOf(string? title) =>
        Enum.GetValues<WizardStep>().Select(step => (WizardStep?)step).FirstOrDefault(step => Of(step!.Value) == title);
}
