namespace IcaKms.Core.Setup;

/// <summary>The state of one review check.</summary>
public enum CheckState
{
    /// <summary>Checked and right.</summary>
    Pass,

    /// <summary>Usable, but worth a look.</summary>
    Warning,

    /// <summary>Wrong: ICA will not work as set up.</summary>
    Fail,

    /// <summary>Cannot be checked here (e.g. needs the live AWS state).</summary>
    NotChecked,
}
