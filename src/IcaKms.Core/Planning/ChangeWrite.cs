using IcaKms.Core.Aws;

namespace IcaKms.Core.Planning;

/// <summary>How one write ended: done or not, in one sentence, with AWS's failure and the ARN of a key it created.</summary>
/// <param name="Done">True when AWS made the change (or it was already so).</param>
/// <param name="Message">What happened, for a person.</param>
/// <param name="Failure">AWS's failure, when it failed because of one.</param>
/// <param name="CreatedKeyArn">The ARN of a key the write created, even when a later part of it failed.</param>
public sealed record ChangeWrite(bool Done, string Message, AwsFailure? Failure = null, string? CreatedKeyArn = null)
{
    /// <summary>Done, with what was done.</summary>
    public static ChangeWrite Made(string message) => new(true, message);

    /// <summary>Failed with AWS's failure.</summary>
    public static ChangeWrite Failed(AwsFailure? failure) => new(false, failure?.Message ?? "AWS answered without a result.", failure);

    /// <summary>Done when the call succeeded, else its failure.</summary>
    public static ChangeWrite Of<T>(Result<T, AwsFailure> result, string done)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Succeeded ? Made(done) : Failed(result.Failure);
    }
}
