using System.Xml.Linq;
using IcaKms.Core.Aws;
using static IcaKms.Core.Adapters.Aws.IamQuery;

namespace IcaKms.Core.Adapters.Aws;

/// <summary>IAM users over the Query API: read and create.</summary>
internal sealed class IamUsers(IamQuery query)
{
    /// <inheritdoc cref="IIamGateway.GetUserAsync"/>
    public async Task<Result<IamUser, AwsFailure>> GetUserAsync(string userName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        var call = new IamCall("GetUser", userName, $"The IAM user {userName} does not exist: create it, or check the user name.");
        IamAnswer answer = await query.CallAsync(call, [new("UserName", userName)], cancellationToken).ConfigureAwait(false);
        return UserOf(call, answer);
    }

    /// <inheritdoc cref="IIamGateway.CreateUserAsync"/>
    public async Task<Result<IamUser, AwsFailure>> CreateUserAsync(string userName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        var call = new IamCall("CreateUser", userName, $"IAM could not create the user {userName}: check the user name and path.")
        {
            AlreadyExistsMessage = $"The IAM user {userName} already exists, so it was not created: use it as it is.",
        };
        IamAnswer answer = await query.CallAsync(call, [new("UserName", userName)], cancellationToken).ConfigureAwait(false);
        return UserOf(call, answer);
    }

    private static Result<IamUser, AwsFailure> UserOf(IamCall call, IamAnswer answer)
    {
        if (answer.Result is not { } result)
        {
            return answer.Fail<IamUser>();
        }

        XElement? user = result.Element(IamNamespace + "User");
        string? name = user?.Element(IamNamespace + "UserName")?.Value;
        string? id = user?.Element(IamNamespace + "UserId")?.Value;
        string? arn = user?.Element(IamNamespace + "Arn")?.Value;
        return string.IsNullOrEmpty(name) || string.IsNullOrEmpty(id) || string.IsNullOrEmpty(arn)
            ? Result<IamUser, AwsFailure>.Fail(IamFailures.Unexpected(call, "a user without name, id or ARN"))
            : Result<IamUser, AwsFailure>.Ok(new IamUser(name, id, arn));
    }
}
