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
}
