using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace IcaKms.Web.Components.Shared;

/// <summary>What an <see cref="OutlinedInput"/> shows and where its events go.</summary>
/// <param name="Id">The input's id, which the label's <c>for</c> names; the helper text's id derives from it.</param>
/// <param name="Label">The floating label (and the outline's gap for it).</param>
/// <param name="Value">The text in the input.</param>
/// <param name="OnInput">Called on every keystroke.</param>
internal sealed record OutlinedInputField(string Id, string Label, string? Value, EventCallback<ChangeEventArgs> OnInput)
{
    /// <summary>Called when the input loses focus; no handler (and no round trip) when unset.</summary>
    public EventCallback<FocusEventArgs> OnBlur { get; init; }

    public string? Placeholder { get; init; }

    public string? HelperText { get; init; }

    /// <summary>The error shown in place of the helper text, with the field in the error colour; null when valid.</summary>
    public string? Error { get; init; }

    /// <summary>The id of the error text, which <c>aria-describedby</c> names while there is an error.</summary>
    public string? ErrorId { get; init; }

    public bool Required { get; init; }

    /// <summary>The browser's limit (MudBlazor's default when not given).</summary>
    public int MaxLength { get; init; } = 524_288;

    /// <summary>A value typed exactly (a name, an ARN): no spell check, no autocomplete.</summary>
    public bool Verbatim { get; init; }

    public string? TestId { get; init; }

    /// <summary>Classes on the outer element (MudBlazor's <c>Class</c>).</summary>
    public string Class { get; init; } = "mt-2";
}
