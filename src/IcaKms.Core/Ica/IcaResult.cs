namespace IcaKms.Core.Ica;

/// <summary>The outcome of one ICA call: a value, or a failure a person can act on.</summary>
/// <typeparam name="T">The value's type.</typeparam>
public sealed record IcaResult<T>
{
    private IcaResult(T? value, IcaFailure? failure)
    {
        Value = value;
        Failure = failure;
    }

    /// <summary>The value when the call succeeded.</summary>
    public T? Value { get; }

    /// <summary>The failure, or null when the call succeeded.</summary>
    public IcaFailure? Failure { get; }

    /// <summary>True when the call succeeded.</summary>
    public bool Succeeded => Failure is null;

    /// <summary>A successful result.</summary>
    public static IcaResult<T> Ok(T? value) => new(value, null);

    /// <summary>A failed result.</summary>
    public static IcaResult<T> Fail(IcaFailure failure) => new(default, failure ?? throw new ArgumentNullException(nameof(failure)));
}
