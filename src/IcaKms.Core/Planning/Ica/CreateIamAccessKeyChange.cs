using IcaKms.Core.Aws;
using IcaKms.Core.Setup;
using IcaKms.Core.Shell;

namespace IcaKms.Core.Planning.Ica;

/// <summary>Creates an access key for the ICA IAM user; the secret goes straight to the next change, never shown or kept.</summary>
public sealed record CreateIamAccessKeyChange(string UserName) : IcaPlanChange
{
    /// <inheritdoc />
    public override string Title =>
        $"Create an access key for the IAM user {UserName} (IAM allows at most {CreatedAccessKey.MaxKeysPerUser} per user); its secret goes straight to ICA and is never shown, stored or logged";

    /// <inheritdoc />
    public override string Permission => "iam:CreateAccessKey";

    /// <inheritdoc />
    public override string Resource => UserName;

    /// <inheritdoc />
    public override ChangeAction Action => ChangeAction.Create;

    /// <inheritdoc />
    public override ResourceAddress Address => new("aws_iam_access_key", UserName);

    /// <summary>Creates the key with <c>create-access-key</c> and keeps its id and secret in shell variables.</summary>
    public override IReadOnlyList<ShellCommand> Commands(CommandContext context) =>
    [
        new AwsCliCommand($"Create an access key for {UserName} (IAM allows two per user); the secret stays in a shell variable",
            "read -r AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY < <(aws iam create-access-key --user-name " + BashQuoting.Quote(UserName) +
            " --query 'AccessKey.[AccessKeyId,SecretAccessKey]' --output text)"),
    ];

    /// <summary>Nothing to compare: a new key has no "before", and IAM itself refuses a key beyond its maximum.</summary>
    protected override Task<string?> ChangedSincePlanAsync(IcaApplyRun run, CancellationToken ct) => Task.FromResult<string?>(null);

    /// <inheritdoc />
    protected override async Task<ChangeWrite> WriteAsync(IcaApplyRun run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Iam is not { } iam)
        {
            return new ChangeWrite(false, "Connect to AWS (at the top) first: the access key is created with your AWS session.");
        }

        Result<CreatedAccessKey, AwsFailure> key = await iam.CreateAccessKeyAsync(UserName, ct).ConfigureAwait(false);
        if (key.Value is not { } created)
        {
            return new ChangeWrite(false, key.Failure?.Message ?? "IAM answered without a key.", key.Failure);
        }

        run.HoldNewKey(created);
        return ChangeWrite.Made($"Created the access key {created.AccessKeyId} for {UserName}; its secret is passed to ICA only.");
    }
}
