using IcaKms.Core.Shell;

namespace IcaKms.Core.Planning;

/// <summary>What a change's commands need besides the change: the plan's region.</summary>
/// <param name="Region">The region the plan is for (IAM commands go to IAM's global endpoint anyway).</param>
public sealed record CommandContext(string Region)
{
    /// <summary>An ARN a change holds as the commands name it (a variable for one an earlier command finds or creates).</summary>
    public CliArn Arn(string planned) => CliArn.FromPlanned(planned);
}
