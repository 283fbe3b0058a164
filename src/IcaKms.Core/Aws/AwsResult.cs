namespace IcaKms.Core.Aws;

/// <summary>The outcome of one AWS call: a value, or a failure a person can act on.</summary>
/// <typeparam name="T">The value's type.</typeparam>
public sealed record AwsResult<T>
{
    private AwsResult(T? value, AwsFailure? failure)
    {
        Value = value;
        Failure = failure;
    }

    /// <summary>The value when the call succeeded (may itself be null, e.g. "no default encryption").</summary>
    public T? Value { get; }

    /// <summary>The failure, or null when the call succeeded.</summary>
    public AwsFailure? Failure { get; }

    /// <summary>True when the call succeeded.</summary>
    public bool Succeeded => Failure is null;

    /// <summary>A successful result.</summary>
    public static AwsResult<T> Ok(T? value) => new(value, null);

    /// <summary>A failed result.</summary>
    public static AwsResult<T> Fail(AwsFailure failure) => new(default, failure ?? throw new ArgumentNullException(nameof(failure)));
}
