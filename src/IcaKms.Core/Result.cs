namespace IcaKms.Core;

/// <summary>
/// The outcome of one call to AWS or ICA: a value, or a failure a person can act on. The failure's type says whose it
/// is: <c>Result&lt;T, AwsFailure&gt;</c> for AWS (its <see cref="Aws.AwsFailure.Kind"/> words the fix),
/// <c>Result&lt;T, IcaFailure&gt;</c> for ICA's API.
/// </summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <typeparam name="TFailure">The failure's type (<see cref="Aws.AwsFailure"/> or <see cref="Ica.IcaFailure"/>).</typeparam>
public sealed record Result<T, TFailure>
    where TFailure : class
{
    private Result(T? value, TFailure? failure)
    {
        Value = value;
        Failure = failure;
    }

    /// <summary>The value when the call succeeded (may itself be null, e.g. "no default encryption").</summary>
    public T? Value { get; }

    /// <summary>The failure, or null when the call succeeded.</summary>
    public TFailure? Failure { get; }

    /// <summary>True when the call succeeded.</summary>
    public bool Succeeded => Failure is null;

    /// <summary>A successful result.</summary>
    public static Result<T, TFailure> Ok(T? value) => new(value, null);

    /// <summary>A failed result.</summary>
    public static Result<T, TFailure> Fail(TFailure failure) => new(default, failure ?? throw new ArgumentNullException(nameof(failure)));
}
