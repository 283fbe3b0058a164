namespace IcaKms.Core.Aws;

/// <summary>The STS call IcaKms makes: who am I.</summary>
public interface IStsGateway
{
    /// <summary>The caller's account and principal (needs no permission).</summary>
    Task<Result<CallerIdentity, AwsFailure>> GetCallerIdentityAsync(CancellationToken cancellationToken = default);
}
