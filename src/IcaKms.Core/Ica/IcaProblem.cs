namespace IcaKms.Core.Ica;

/// <summary>ICA's error answer (<c>application/problem+json</c>, model <c>Problem</c>).</summary>
/// <param name="Title">The problem's short title (for example <c>ICA_API_004</c>).</param>
/// <param name="Status">The HTTP status.</param>
/// <param name="Detail">The explanation of this occurrence.</param>
public sealed record IcaProblem(string? Title, int? Status, string? Detail);
