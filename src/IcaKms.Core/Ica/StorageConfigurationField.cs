namespace IcaKms.Core.Ica;

/// <summary>One field of ICA's storage configuration form: what to enter, and what to know while entering it.</summary>
/// <param name="Label">The field's label as ICA's form shows it (e.g. "Key Name").</param>
/// <param name="Value">What to enter or select.</param>
/// <param name="Hint">One sentence on why, or what to watch for.</param>
public sealed record StorageConfigurationField(string Label, string Value, string Hint);
