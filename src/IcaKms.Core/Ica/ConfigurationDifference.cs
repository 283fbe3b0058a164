namespace IcaKms.Core.Ica;

/// <summary>One field where an existing ICA storage configuration differs from the wizard's values.</summary>
/// <param name="Field">The field as ICA's form names it.</param>
/// <param name="InIca">The value in ICA (empty when none).</param>
/// <param name="InWizard">The wizard's value.</param>
public sealed record ConfigurationDifference(string Field, string InIca, string InWizard);
