using IcaKms.Core.Planning;
using IcaKms.Core.Shell;

namespace IcaKms.Core.Documents;

/// <summary>The commands that make exactly the same change as a planned <see cref="SetupChange"/>: its handler's AWS CLI commands, or ICA's curl commands, as the change itself gives them.</summary>
public static class SetupChangeCommands
{
    /// <summary>The commands for a change, in the region the plan is for (IAM commands go to IAM's global endpoint anyway).</summary>
    public static IReadOnlyList<ShellCommand> For(SetupChange change, string region)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change.Commands(new CommandContext(region));
    }
}
