namespace IcaKms.Core.Checks;

/// <summary>What to inspect besides the wizard's inputs: the IAM user ICA will use, or a policy ARN.</summary>
/// <param name="IamUserName">The IAM user whose access key ICA holds (its attached managed policies are read).</param>
/// <param name="PolicyArn">A managed policy ARN to check directly.</param>
public sealed record InspectionTargets(string? IamUserName = null, string? PolicyArn = null);
