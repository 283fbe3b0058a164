using IcaKms.Core.Aws;
using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Setup;
using IcaKms.Core.Shell;

namespace IcaKms.Core.Planning.Rotation;

/// <summary>Deletes an access key of the ICA IAM user for good (to make room for a new one, or the retired one later).</summary>
/// <param name="UserName">The IAM user.</param>
/// <param name="AccessKeyId">The key deleted; never the one ICA holds.</param>
/// <param name="Reason">Why this key goes, in words.</param>
public sealed record DeleteAccessKeyChange(string UserName, string AccessKeyId, string Reason) : IcaPlanChange
{
    /// <inheritdoc />
    public override string Title => $"Delete the access key {AccessKeyId} of {UserName}: {Reason}";

    /// <inheritdoc />
    public override string Permission => "iam:DeleteAccessKey";

    /// <inheritdoc />
    public override string Resource => AccessKeyId;

    /// <inheritdoc />
    public override ChangeAction Action => ChangeAction.Delete;

    /// <inheritdoc />
    public override ResourceAddress Address => new("aws_iam_access_key", AccessKeyId);

    /// <summary>Deletes it with <c>delete-access-key</c>.</summary>
    public override IReadOnlyList<ShellCommand> Commands(CommandContext context) =>
    [
        new AwsCliCommand($"Delete the access key {AccessKeyId} of {UserName} ({Reason})",
            $"aws iam delete-access-key --user-name {BashQuoting.Quote(UserName)} --access-key-id {BashQuoting.Quote(AccessKeyId)}"),
    ];

    /// <summary>The key must still be the user's: one gone already changes the plan.</summary>
    protected override async Task<string?> ChangedSincePlanAsync(IcaApplyRun run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Iam is not { } iam)
        {
            return RotationMessages.ConnectAws;
        }

        Result<IReadOnlyList<AccessKeyMetadata>, AwsFailure> keys = await iam.ListAccessKeyMetadataAsync(UserName, ct).ConfigureAwait(false);
        return keys.Value is { } list && !list.Any(k => k.AccessKeyId == AccessKeyId)
            ? $"{UserName} has no access key {AccessKeyId} any more, so nothing was deleted: plan the rotation again."
            : null;
    }

    /// <inheritdoc />
    protected override async Task<ChangeWrite> WriteAsync(IcaApplyRun run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        Result<bool, AwsFailure> deleted = await run.Iam!.DeleteAccessKeyAsync(UserName, AccessKeyId, ct).ConfigureAwait(false);
        return ChangeWrite.Of(deleted, $"Deleted the access key {AccessKeyId} of {UserName}.");
    }
}
