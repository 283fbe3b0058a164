namespace IcaKms.Core;

/// <summary>
/// The state of one check, wherever it is made: the summary check of a policy, an input of the review, a live check.
/// </summary>
public enum CheckState
{
    /// <summary>Checked and right.</summary>
    Pass,

    /// <summary>Usable, but worth a look.</summary>
    Warning,

    /// <summary>Wrong: ICA will not work as set up.</summary>
    Fail,

    /// <summary>Cannot be checked here (e.g. needs the live AWS state, or a call it needs failed).</summary>
    NotChecked,
}
