using IcaKms.Core.Aws;
using IcaKms.Core.Ica;
using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Setup;
using IcaKms.Core.Shell;

namespace IcaKms.Core.Planning.Rotation;

/// <summary>
/// Makes the retired key inactive (<c>iam:UpdateAccessKey</c>), and only when every configuration that uses the
/// credential reads <c>OK</c> on the new key and the old key signed nothing since ICA got the new one. An inactive key
/// can be made active again; deleting it is a later step of its own.
/// </summary>
/// <param name="UserName">The IAM user.</param>
/// <param name="AccessKeyId">The retired key.</param>
/// <param name="ConfigurationIds">The configurations that must read OK first.</param>
/// <param name="RotatedAt">When ICA got the new key: a use of the old key after it means something else still holds it.</param>
/// <param name="IamWait">How long to wait after the write, before the validation that follows (null: <see cref="IamPropagation.DefaultWait"/>).</param>
public sealed record DeactivateAccessKeyChange(string UserName, string AccessKeyId, IReadOnlyList<string> ConfigurationIds, DateTimeOffset RotatedAt, TimeSpan? IamWait = null) : IcaPlanChange
{
    /// <inheritdoc />
    public override string Title =>
        $"Deactivate the old access key {AccessKeyId} of {UserName} (it can be made active again until it is deleted), then {IamPropagation.Why(AccessKeyId, IamPropagation.Or(IamWait))}";

    /// <inheritdoc />
    public override string Permission => "iam:UpdateAccessKey";

    /// <inheritdoc />
    public override string Resource => AccessKeyId;

    /// <inheritdoc />
    public override ChangeAction Action => ChangeAction.Update;

    /// <inheritdoc />
    public override ResourceAddress Address => new("aws_iam_access_key", AccessKeyId);

    /// <summary>Checks the old key's last use, then deactivates it with <c>update-access-key</c>.</summary>
    public override IReadOnlyList<ShellCommand> Commands(CommandContext context) =>
    [
        new AwsCliCommand($"When did {AccessKeyId} last sign a request? A time after the rotation means something besides ICA still uses it",
            $"aws iam get-access-key-last-used --access-key-id {BashQuoting.Quote(AccessKeyId)} --query AccessKeyLastUsed.LastUsedDate --output text"),
        new AwsCliCommand($"Deactivate {AccessKeyId}, then wait {IamPropagation.Words(IamPropagation.Or(IamWait))} before ICA validates (IAM is eventually consistent)",
            $"aws iam update-access-key --user-name {BashQuoting.Quote(UserName)} --access-key-id {BashQuoting.Quote(AccessKeyId)} --status Inactive"),
    ];

    /// <summary>Every configuration must read OK now, and the old key must have signed nothing since the rotation.</summary>
    protected override async Task<string?> ChangedSincePlanAsync(IcaApplyRun run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Iam is not { } iam)
        {
            return RotationMessages.ConnectAws;
        }

        if (await ConfigurationsReadOk.RefusalAsync(run.Ica, ConfigurationIds, AccessKeyId, configuration =>
                $"The configuration {configuration.Name} reads {configuration.Status} on the new key, so {AccessKeyId} stays active: " +
                (configuration.ErrorMessage is { } why ? $"ICA says \"{why}\". " : string.Empty) + "wait for OK, or roll back.", ct).ConfigureAwait(false) is { } refusal)
        {
            return refusal;
        }

        Result<DateTimeOffset?, AwsFailure> used = await iam.GetAccessKeyLastUsedAsync(AccessKeyId, ct).ConfigureAwait(false);
        if (used.Failure is { } failure)
        {
            return $"The old key's last use could not be read ({failure.Message}), so {AccessKeyId} stays active: try again.";
        }

        return used.Value is { } last && last > RotatedAt
            ? $"The old key {AccessKeyId} signed a request at {last:u}, after ICA got the new key ({RotatedAt:u}): something besides ICA still uses it, so it stays active. " +
                "Give that system the new key first (IAM reports a key's last use within hours: check again later)."
            : null;
    }

    /// <summary>Deactivates the key, then waits for IAM to apply it (<see cref="IamPropagation"/>) so the validation after counts.</summary>
    protected override async Task<ChangeWrite> WriteAsync(IcaApplyRun run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        Result<bool, AwsFailure> done = await run.Iam!.UpdateAccessKeyAsync(UserName, AccessKeyId, AccessKeyStatus.Inactive, ct).ConfigureAwait(false);
        return done.Succeeded
            ? await IamPropagation.AfterDeactivationAsync(run, AccessKeyId, IamPropagation.Or(IamWait), $"Deactivated the old access key {AccessKeyId} of {UserName}; delete it once nothing complained.", ct).ConfigureAwait(false)
            : ChangeWrite.Failed(done.Failure);
    }
}
