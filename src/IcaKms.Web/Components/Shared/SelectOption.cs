namespace IcaKms.Web.Components.Shared;

/// <summary>One choice of an <see cref="OutlinedSelect"/>: the value it sets and the text shown for it.</summary>
/// <param name="Value">The value chosen, e.g. an AWS region or a key ARN.</param>
/// <param name="Text">What the list shows, e.g. "Australia (ap-southeast-2)".</param>
public sealed record SelectOption(string Value, string Text);
