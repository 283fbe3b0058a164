using System.Text;

namespace IcaKms.Cli;

/// <summary>A command's description with its examples, as <c>--help</c> shows it.</summary>
internal static class Help
{
    public static string Text(string description, params string[] examples)
    {
        var text = new StringBuilder(description);
        text.AppendLine().AppendLine().Append("Examples:");
        foreach (string example in examples)
        {
            text.AppendLine().Append("  ").Append(example);
        }

        return text.ToString();
    }
}
