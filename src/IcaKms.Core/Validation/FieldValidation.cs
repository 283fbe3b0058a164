namespace IcaKms.Core.Validation;

/// <summary>
/// The outcome of checking one input field: the value to use (normalized), and at most one error that
/// blocks the step and one warning that does not. Messages are written for the person typing.
/// </summary>
/// <param name="Value">The normalized value (e.g. a prefix with its trailing <c>/</c>); the input as given when invalid.</param>
/// <param name="Error">Why the value cannot be used, or null.</param>
/// <param name="Warning">A risk worth knowing that does not block, or null.</param>
public sealed record FieldValidation(string Value, string? Error = null, string? Warning = null)
{
    /// <summary>True when the value can be used.</summary>
    public bool IsValid => Error is null;

    /// <summary>A usable value, optionally with a warning.</summary>
    public static FieldValidation Ok(string value, string? warning = null) => new(value, null, warning);

    /// <summary>A value that cannot be used, and why.</summary>
    public static FieldValidation Fail(string input, string error) => new(input, error);
}
