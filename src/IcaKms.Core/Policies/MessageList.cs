using System.Globalization;

namespace IcaKms.Core.Policies;

/// <summary>Joins values for a one-line message, cut short so a pathological policy cannot make a page-long line.</summary>
internal static class MessageList
{
    /// <summary>The most values a message names before it says "and N more".</summary>
    public const int MaxShown = 8;

    /// <summary>Joins with <c>", "</c>, naming at most <see cref="MaxShown"/> values.</summary>
    public static string Join(IReadOnlyCollection<string> values) =>
        values.Count <= MaxShown
            ? string.Join(", ", values)
            : string.Join(", ", values.Take(MaxShown)) + string.Create(CultureInfo.InvariantCulture, $" and {values.Count - MaxShown} more");
}
