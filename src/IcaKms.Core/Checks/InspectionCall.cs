using IcaKms.Core.Aws;

namespace IcaKms.Core.Checks;

/// <summary>One gateway call of the inspection, run so that nothing but the caller's cancellation escapes.</summary>
internal static class InspectionCall
{
    /// <summary>
    /// Runs one gateway call so that nothing but the caller's cancellation escapes: a gateway is meant to return its
    /// failures, so an exception is a bug, reported as a failed result rather than a crashed inspection.
    /// </summary>
    public static async Task<Result<T, AwsFailure>> CallAsync<T>(string action, string? resource, Func<Task<Result<T, AwsFailure>>> call, CancellationToken ct)
    {
        try
        {
            // A chain that resumes after its session ended (Disconnect) must not send the next call.
            ct.ThrowIfCancellationRequested();
            Result<T, AwsFailure>? result = await call().ConfigureAwait(false);
            return result ?? Result<T, AwsFailure>.Fail(Unexpected(action, resource, "returned no result"));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            return Result<T, AwsFailure>.Fail(new AwsFailure(
                AwsFailureKind.Timeout, action, resource, null, $"{action}{On(resource)} timed out: check the network, then inspect again."));
        }
#pragma warning disable CA1031 // A gateway bug must become a finding, never a crashed circuit (DESIGN.md); the caller's cancellation is rethrown above.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // Only the exception's type: its message is not written for the admin and might echo request details.
            return Result<T, AwsFailure>.Fail(Unexpected(action, resource, $"failed unexpectedly ({ex.GetType().Name})"));
        }
    }

    /// <summary>The failure of a call that answered nothing usable: a gateway bug, said so.</summary>
    public static AwsFailure Unexpected(string action, string? resource, string what) =>
        new(AwsFailureKind.Other, action, resource, null, $"{action}{On(resource)} {what}: inspect again, and report it if it keeps happening.");

    private static string On(string? resource) => resource is null ? string.Empty : $" on {resource}";
}
