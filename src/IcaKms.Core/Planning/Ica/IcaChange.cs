namespace IcaKms.Core.Planning.Ica;

/// <summary>A change IcaKms makes in ICA through its API (<see cref="ApiUrl"/>), planned and confirmed like the AWS writes.</summary>
/// <param name="ApiUrl">ICA's API base address the change is sent to.</param>
public abstract record IcaChange(Uri ApiUrl) : IcaPlanChange;
