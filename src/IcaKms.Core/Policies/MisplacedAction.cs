namespace IcaKms.Core.Policies;

/// <summary>
/// An action that is allowed, but only together with resources it does not act on, so it grants nothing
/// (e.g. <c>kms:Decrypt</c> paired only with an S3 ARN).
/// </summary>
/// <param name="Action">The action, as the spec writes it.</param>
/// <param name="Reason">What it is paired with and what it would need, in one line.</param>
public sealed record MisplacedAction(string Action, string Reason);
