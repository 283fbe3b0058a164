using System.Diagnostics;

namespace IcaKms.Integration.Tests;

/// <summary>
/// Bounded polling for AWS's eventual consistency (a new KMS alias or IAM attachment can take a while to show): the
/// only waiting these tests do, with a deadline that fails the test by name.
/// </summary>
internal static class Eventually
{
    /// <summary>The longest wait for a change to show (KMS and IAM say "can take minutes").</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>Asks until <paramref name="attempt"/> says true; fails with <paramref name="what"/> after <see cref="Timeout"/>.</summary>
    public static async Task UntilAsync(string what, Func<CancellationToken, Task<bool>> attempt, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!await attempt(cancellationToken))
        {
            Assert.True(clock.Elapsed < Timeout, $"{what} did not show within {Timeout.TotalSeconds:0} s.");
            await Task.Delay(Interval, cancellationToken);
        }
    }
}
