using IcaKms.Cli.Setups;
using IcaKms.Core;
using IcaKms.Core.Checks;

namespace IcaKms.Cli.Checking;

/// <summary>What one setup's check came to.</summary>
internal enum SetupVerdict
{
    Pass,
    Warning,
    Fail,

    /// <summary>The setup could not be checked (no credentials, AWS unreachable, not one check could be made).</summary>
    CouldNotRun,
}

/// <summary>One setup's live checks (Core's <see cref="LiveChecks"/>), or why none could be made.</summary>
internal sealed record SetupReport(SelectedSetup Setup, IReadOnlyList<SetupCheck> Checks, string? Problem, TimeSpan Elapsed)
{
    public SetupVerdict Verdict => Problem is not null
        ? SetupVerdict.CouldNotRun
        : CheckSummary.Overall(Checks) switch
        {
            CheckState.Fail => SetupVerdict.Fail,
            CheckState.Warning => SetupVerdict.Warning,
            CheckState.Pass => SetupVerdict.Pass,
            _ => SetupVerdict.CouldNotRun,
        };
}

/// <summary>Every setup's report, who checked, and the run's exit code.</summary>
/// <param name="Setups">Each setup's report, in the order given.</param>
/// <param name="Principal">The ARN the checks ran as, or null when no credentials were accepted.</param>
/// <param name="Elapsed">The run's wall time.</param>
internal sealed record CheckRun(IReadOnlyList<SetupReport> Setups, string? Principal, TimeSpan Elapsed)
{
    /// <summary>
    /// 1 when any setup failed (a finding is the news a nightly job is for), else 3 when any could not run, else 2 when
    /// any warned, else 0.
    /// </summary>
    public int ExitCode =>
        Setups.Any(s => s.Verdict == SetupVerdict.Fail) ? ExitCodes.Failure
        : Setups.Any(s => s.Verdict == SetupVerdict.CouldNotRun) ? ExitCodes.CouldNotRun
        : Setups.Any(s => s.Verdict == SetupVerdict.Warning) ? ExitCodes.Warnings
        : ExitCodes.Success;

    public int Count(SetupVerdict verdict) => Setups.Count(s => s.Verdict == verdict);
}
