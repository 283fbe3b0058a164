using IcaKms.Core.Aws;
using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Setup;
using IcaKms.Core.Shell;

namespace IcaKms.Core.Planning.Rotation;

/// <summary>Makes a deactivated key active again (<c>iam:UpdateAccessKey</c>): the way back while it is not deleted.</summary>
/// <param name="UserName">The IAM user.</param>
/// <param name="AccessKeyId">The key made active.</param>
public sealed record ReactivateAccessKeyChange(string UserName, string AccessKeyId) : IcaPlanChange
{
    /// <inheritdoc />
    public override string Title => $"Make the access key {AccessKeyId} of {UserName} active again";

    /// <inheritdoc />
    public override string Permission => "iam:UpdateAccessKey";

    /// <inheritdoc />
    public override string Resource => AccessKeyId;

    /// <inheritdoc />
    public override ChangeAction Action => ChangeAction.Update;

    /// <inheritdoc />
    public override ResourceAddress Address => new("aws_iam_access_key", AccessKeyId);

    /// <inheritdoc />
    public override IReadOnlyList<ShellCommand> Commands(CommandContext context) =>
    [
        new AwsCliCommand($"Make {AccessKeyId} active again",
            $"aws iam update-access-key --user-name {BashQuoting.Quote(UserName)} --access-key-id {BashQuoting.Quote(AccessKeyId)} --status Active"),
    ];

    /// <inheritdoc />
    protected override Task<string?> ChangedSincePlanAsync(IcaApplyRun run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Task.FromResult(run.Iam is null ? RotationMessages.ConnectAws : null);
    }

    /// <inheritdoc />
    protected override async Task<ChangeWrite> WriteAsync(IcaApplyRun run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        Result<bool, AwsFailure> done = await run.Iam!.UpdateAccessKeyAsync(UserName, AccessKeyId, AccessKeyStatus.Active, ct).ConfigureAwait(false);
        return ChangeWrite.Of(done, $"The access key {AccessKeyId} of {UserName} is active again.");
    }
}
