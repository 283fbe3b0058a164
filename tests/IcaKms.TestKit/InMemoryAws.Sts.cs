using Amazon.Runtime;
using IcaKms.Core;
using IcaKms.Core.Aws;

namespace IcaKms.TestKit;

/// <summary>STS: who the gateways' session is, and which pasted credentials the account accepts.</summary>
public sealed partial class InMemoryAws
{
    /// <summary>Pasted credentials whose access key id starts with this are accepted; any other is refused.</summary>
    public const string GoodKeyPrefix = "ASIAGOOD";

    /// <summary>GetCallerIdentity's answer through the gateways (a session that exists).</summary>
    public Result<CallerIdentity, AwsFailure> CallerIdentity { get; set; } = Ok(new CallerIdentity(SampleAccount.Account, SampleAccount.UserArn, "AIDAEXAMPLE"));

    public Task<Result<CallerIdentity, AwsFailure>> GetCallerIdentityAsync(CancellationToken cancellationToken = default) =>
        AnswerAsync("sts:GetCallerIdentity", () => CallerIdentity, cancellationToken);

    /// <summary>
    /// Checks pasted credentials before a session exists: a key id starting with <see cref="GoodKeyPrefix"/> is an
    /// assumed role whose ARN ends with the key id (so two sessions can be told apart); any other is refused as STS does.
    /// </summary>
    public Task<Result<CallerIdentity, AwsFailure>> IdentifyAsync(AWSCredentials credentials, string region, CancellationToken cancellationToken = default)
    {
        string keyId = credentials.GetCredentials().AccessKey;
        return AnswerAsync("sts:GetCallerIdentity", () => keyId.StartsWith(GoodKeyPrefix, StringComparison.Ordinal)
            ? Ok(new CallerIdentity(SampleAccount.Account, $"arn:aws:sts::{SampleAccount.Account}:assumed-role/admin/{keyId}", "AROAEXAMPLE"))
            : Result<CallerIdentity, AwsFailure>.Fail(new AwsFailure(AwsFailureKind.InvalidCredentials, "sts:GetCallerIdentity", null, "InvalidClientTokenId",
                "Your credentials were refused (InvalidClientTokenId): paste fresh temporary credentials.")), cancellationToken);
    }
}
