using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using IcaKms.Core.Aws;

namespace IcaKms.Core.Adapters.Aws;

/// <summary>The STS call IcaKms makes, over the AWS SDK's <see cref="IAmazonSecurityTokenService"/>.</summary>
public sealed class StsGateway : IStsGateway
{
    private readonly IAmazonSecurityTokenService _sts;
    private readonly CallBudget? _budget;

    /// <summary>Creates the gateway over a STS client (the caller owns the client).</summary>
    /// <param name="sts">The SDK client.</param>
    /// <param name="time">The clock a call's deadline runs on; null for the system's (a test passes a fake one).</param>
    public StsGateway(IAmazonSecurityTokenService sts, TimeProvider? time = null)
    {
        _sts = sts ?? throw new ArgumentNullException(nameof(sts));
        _budget = CallBudget.Of(sts.Config, time);
    }

    /// <inheritdoc />
    public Task<Result<CallerIdentity, AwsFailure>> GetCallerIdentityAsync(CancellationToken cancellationToken = default) =>
        new AwsCall("sts:GetCallerIdentity", "sts:GetCallerIdentity", null) { Budget = _budget }.RunAsync(
            async token =>
            {
                GetCallerIdentityResponse response = await _sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), token)
                    .ConfigureAwait(false);
                return new CallerIdentity(response.Account ?? "", response.Arn ?? "", response.UserId ?? "");
            },
            cancellationToken);
}
