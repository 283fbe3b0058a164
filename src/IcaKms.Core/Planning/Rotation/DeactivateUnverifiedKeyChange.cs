using IcaKms.Core.Aws;
using IcaKms.Core.Ica;
using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Setup;
using IcaKms.Core.Shell;

namespace IcaKms.Core.Planning.Rotation;

/// <summary>
/// Makes the user's other key inactive (<c>iam:UpdateAccessKey</c>) so that ICA's validation, which follows, shows whether
/// ICA holds it: the plan would delete it to make room, but only the admin's word says ICA holds the other key. A key ICA
/// holds is never deleted on that word alone: if the validation reads <c>ERROR</c> it is made active again at once.
/// </summary>
/// <param name="UserName">The IAM user.</param>
/// <param name="AccessKeyId">The key made inactive for the test.</param>
/// <param name="NamedHeldKeyId">The key the admin says ICA holds.</param>
/// <param name="ConfigurationIds">The configurations validated without it: each must read OK first, or the test tells nothing.</param>
/// <param name="LastUsedAtPlan">Its last use when the plan was made (null: never).</param>
/// <param name="IamWait">How long to wait after the write, before the validation that follows (null: <see cref="IamPropagation.DefaultWait"/>).</param>
public sealed record DeactivateUnverifiedKeyChange(string UserName, string AccessKeyId, string NamedHeldKeyId, IReadOnlyList<string> ConfigurationIds, DateTimeOffset? LastUsedAtPlan, TimeSpan? IamWait = null) : IcaPlanChange
{
    /// <inheritdoc />
    public override string Title =>
        $"Deactivate the access key {AccessKeyId} of {UserName} to test that ICA does not hold it (only your answer says ICA holds {NamedHeldKeyId}), " +
        $"then {IamPropagation.Why(AccessKeyId, IamPropagation.Or(IamWait))}; if ICA's validation then reads ERROR, it is made active again at once";

    /// <inheritdoc />
    public override string Permission => "iam:UpdateAccessKey";

    /// <inheritdoc />
    public override string Resource => AccessKeyId;

    /// <inheritdoc />
    public override ChangeAction Action => ChangeAction.Update;

    /// <inheritdoc />
    public override ResourceAddress Address => new("aws_iam_access_key", AccessKeyId);

    /// <summary>Deactivates it with <c>update-access-key</c> (the validation follows as changes of their own).</summary>
    public override IReadOnlyList<ShellCommand> Commands(CommandContext context) =>
    [
        new AwsCliCommand($"Deactivate {AccessKeyId} to test whether ICA holds it, then wait {IamPropagation.Words(IamPropagation.Or(IamWait))} before ICA validates (IAM is eventually consistent; make it active again with --status Active if the validation reads ERROR)",
            $"aws iam update-access-key --user-name {BashQuoting.Quote(UserName)} --access-key-id {BashQuoting.Quote(AccessKeyId)} --status Inactive"),
    ];

    /// <summary>Every configuration must read OK now (else an ERROR after would tell nothing), and the key must have signed nothing since the plan.</summary>
    protected override async Task<string?> ChangedSincePlanAsync(IcaApplyRun run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Iam is not { } iam)
        {
            return RotationMessages.ConnectAws;
        }

        if (await ConfigurationsReadOk.RefusalAsync(run.Ica, ConfigurationIds, AccessKeyId, configuration =>
                $"The configuration {configuration.Name} reads {configuration.Status} already, so a validation without {AccessKeyId} could not tell whether ICA holds it: " +
                $"{AccessKeyId} stays active. Get the configuration to OK first, then plan again.", ct).ConfigureAwait(false) is { } refusal)
        {
            return refusal;
        }

        Result<DateTimeOffset?, AwsFailure> used = await iam.GetAccessKeyLastUsedAsync(AccessKeyId, ct).ConfigureAwait(false);
        if (used.Failure is { } failure)
        {
            return $"The last use of {AccessKeyId} could not be read ({failure.Message}), so it stays active: try again.";
        }

        return used.Value is { } last && (LastUsedAtPlan is not { } before || last > before)
            ? $"{AccessKeyId} signed a request at {last:u}, after the plan read it: something uses it (ICA, if it holds {AccessKeyId} and not {NamedHeldKeyId}), so it stays active. Plan again."
            : null;
    }

    /// <summary>Deactivates the key, then waits for IAM to apply it (<see cref="IamPropagation"/>) so the validation after counts.</summary>
    protected override async Task<ChangeWrite> WriteAsync(IcaApplyRun run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        Result<bool, AwsFailure> done = await run.Iam!.UpdateAccessKeyAsync(UserName, AccessKeyId, AccessKeyStatus.Inactive, ct).ConfigureAwait(false);
        return done.Succeeded
            ? await IamPropagation.AfterDeactivationAsync(run, AccessKeyId, IamPropagation.Or(IamWait), $"Deactivated {AccessKeyId} of {UserName} for the test; ICA validates without it next.", ct).ConfigureAwait(false)
            : ChangeWrite.Failed(done.Failure);
    }
}
