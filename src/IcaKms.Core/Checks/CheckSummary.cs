namespace IcaKms.Core.Checks;

/// <summary>What a list of checks adds up to, for a front end that reports one verdict per setup (the CLI's exit code).</summary>
public static class CheckSummary
{
    /// <summary>
    /// The worst state among the checks: <see cref="CheckState.Fail"/> over <see cref="CheckState.Warning"/> over
    /// <see cref="CheckState.Pass"/>. A check that was not made (<see cref="CheckState.NotChecked"/>: nothing to check,
    /// or its call failed) neither passes nor fails a setup; when no check was made at all the result is
    /// <see cref="CheckState.NotChecked"/>.
    /// </summary>
    public static CheckState Overall(IEnumerable<SetupCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        bool anyPass = false;
        bool anyWarning = false;
        foreach (SetupCheck check in checks)
        {
            switch (check.State)
            {
                case CheckState.Fail:
                    return CheckState.Fail;
                case CheckState.Warning:
                    anyWarning = true;
                    break;
                case CheckState.Pass:
                    anyPass = true;
                    break;
            }
        }

        return anyWarning ? CheckState.Warning : anyPass ? CheckState.Pass : CheckState.NotChecked;
    }
}
