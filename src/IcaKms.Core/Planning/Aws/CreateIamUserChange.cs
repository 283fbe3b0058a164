using IcaKms.Core.Aws;
using IcaKms.Core.Shell;

namespace IcaKms.Core.Planning;

/// <summary>Creates the IAM user whose access key ICA will hold.</summary>
public sealed record CreateIamUserChange(string UserName) : AwsChange
{
    /// <inheritdoc />
    public override string Title => $"Create the IAM user {UserName}";

    /// <inheritdoc />
    public override string Permission => "iam:CreateUser";

    /// <inheritdoc />
    public override string Resource => UserName;

    /// <inheritdoc />
    public override ChangeAction Action => ChangeAction.Create;

    /// <inheritdoc />
    public override ResourceAddress Address => ResourceAddress.User(UserName);

    /// <inheritdoc />
    public override IReadOnlyList<string> ScriptPermissions => ["iam:GetUser", "iam:CreateUser"];

    /// <summary>The user's ARN; null when the user does not exist (the plan's state).</summary>
    public override async Task<Result<string?, AwsFailure>> ReadAsync(AwsGateways aws, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(aws);
        Result<IamUser, AwsFailure> user = await aws.Iam.GetUserAsync(UserName, ct).ConfigureAwait(false);
        return user.Failure switch
        {
            { Kind: AwsFailureKind.NotFound } => Result<string?, AwsFailure>.Ok(null),
            { } failure => Result<string?, AwsFailure>.Fail(failure),
            null => Result<string?, AwsFailure>.Ok(user.Value!.Arn),
        };
    }

    /// <inheritdoc />
    public override async Task<ChangeWrite> WriteAsync(AwsGateways aws, ConsistencyPolicy consistency, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(aws);
        Result<IamUser, AwsFailure> user = await aws.Iam.CreateUserAsync(UserName, ct).ConfigureAwait(false);
        return user.Failure is { Kind: AwsFailureKind.AlreadyExists }
            ? ChangeWrite.Made($"The IAM user {UserName} already existed.")
            : ChangeWrite.Of(user, $"Created the IAM user {UserName}.");
    }

    /// <summary>Looks for the user first (<c>get-user</c>) and creates it only when it is not there.</summary>
    public override IReadOnlyList<AwsCliCommand> Commands(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string look = new BashCommandLine("iam", "get-user", context.Region).Option("--user-name", UserName) + " >/dev/null 2>&1";
        string block = BashBlock.If(look, [BashBlock.Say($"The IAM user {UserName} already exists: not created again.")], [IamCliCommands.CreateUser(context.Region, UserName).CommandLine]);
        return [new($"Create the IAM user {UserName} for ICA unless it exists", block)];
    }
}
