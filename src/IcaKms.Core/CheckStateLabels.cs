namespace IcaKms.Core;

/// <summary>The one word for each <see cref="CheckState"/>, as the page, the README and the messages say it.</summary>
public static class CheckStateLabels
{
    /// <summary>"pass", "warning", "fail" or "not checked".</summary>
    public static string Label(this CheckState state) => state switch
    {
        CheckState.Pass => "pass",
        CheckState.Warning => "warning",
        CheckState.Fail => "fail",
        _ => "not checked",
    };

    /// <summary>The label with a capital first letter ("Pass", "Not checked").</summary>
    public static string Title(this CheckState state)
    {
        string label = state.Label();
        return char.ToUpperInvariant(label[0]) + label[1..];
    }
}
