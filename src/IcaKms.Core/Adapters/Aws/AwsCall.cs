using Amazon.Runtime;
using IcaKms.Core.Aws;

namespace IcaKms.Core.Adapters.Aws;

/// <summary>
/// One AWS API call as the messages name it: the API operation, the IAM action it needs, and what it is about.
/// Runs the call and turns any failure (except the caller's own cancellation) into an <see cref="AwsFailure"/>.
/// </summary>
/// <param name="Operation">The API operation, service-prefixed, e.g. <c>s3:HeadBucket</c>.</param>
/// <param name="Action">The IAM action the operation needs, e.g. <c>s3:ListBucket</c> for HeadBucket.</param>
/// <param name="Resource">The bucket, key or policy the call is about, if any.</param>
/// <param name="Region">The region the call goes to, named in not-found messages; null when unknown.</param>
internal sealed record AwsCall(string Operation, string Action, string? Resource, string? Region = null)
{
    /// <summary>The client's timeout and retries (from its config), named in timeout messages; null when unknown.</summary>
    public CallBudget? Budget { get; init; }

    /// <summary>Sends the call; every failure but the caller's cancellation comes back as a failed result.</summary>
    public Task<Result<T, AwsFailure>> RunAsync<T>(Func<CancellationToken, Task<T>> send, CancellationToken cancellationToken) =>
        RunAsync(send, absentErrorCode: null, cancellationToken);

    /// <summary>
    /// Like the other overload, but AWS's "there is no such configuration" error code means a successful
    /// empty (default) value, e.g. <c>ServerSideEncryptionConfigurationNotFoundError</c> means "no default encryption".
    /// </summary>
    public async Task<Result<T, AwsFailure>> RunAsync<T>(Func<CancellationToken, Task<T>> send, string? absentErrorCode, CancellationToken cancellationToken)
    {
        using CallDeadline? deadline = Budget?.StartDeadline(cancellationToken);
        try
        {
            return Result<T, AwsFailure>.Ok(await CallBudget.WaitAsync(send(deadline?.Token ?? cancellationToken), deadline).ConfigureAwait(false));
        }
        catch (AmazonServiceException exception) when (absentErrorCode is not null && string.Equals(exception.ErrorCode, absentErrorCode, StringComparison.Ordinal))
        {
            return Result<T, AwsFailure>.Ok(default);
        }
        catch (Exception exception) when (AwsErrors.IsMappable(exception, cancellationToken))
        {
            return Result<T, AwsFailure>.Fail(AwsErrors.ToFailure(exception, this, deadlinePassed: deadline?.IsCancellationRequested == true));
        }
    }
}
