using IcaKms.Core.Aws;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Checks;

/// <summary>What one check is (id, step, title), and the verdicts it can give.</summary>
internal sealed record CheckDefinition(string Id, WizardStep Step, string Title)
{
    public SetupCheck Pass(string finding) => new(Id, Step, Title, CheckState.Pass, finding, string.Empty);

    public SetupCheck Warn(string finding, string fix) => new(Id, Step, Title, CheckState.Warning, finding, fix);

    public SetupCheck Fail(string finding, string fix) => new(Id, Step, Title, CheckState.Fail, finding, fix);

    public SetupCheck NotChecked(string finding, string fix) => new(Id, Step, Title, CheckState.NotChecked, finding, fix);

    /// <summary>Not checked because a call it needs failed: the failure's message is the finding.</summary>
    public SetupCheck NotChecked(AwsFailure failure) => NotChecked(failure.Message, FixFor(failure));

    /// <summary>What to do about a failed call, by kind; access denied names the permission the session lacks.</summary>
    public static string FixFor(AwsFailure failure) => failure.Kind switch
    {
        AwsFailureKind.AccessDenied =>
            $"Allow {failure.Action}{(failure.Resource is null ? string.Empty : $" on {failure.Resource}")} for the credentials you connected with, then inspect again.",
        AwsFailureKind.NotFound => "Check the name and the region, then inspect again.",
        AwsFailureKind.InvalidCredentials => "Connect again with valid, unexpired credentials.",
        AwsFailureKind.Throttled => "AWS throttled the call: wait a moment, then inspect again.",
        AwsFailureKind.Timeout or AwsFailureKind.Network => "Check the network or the endpoint, then inspect again.",
        _ => "Inspect again; if it keeps failing, follow the message.",
    };
}
