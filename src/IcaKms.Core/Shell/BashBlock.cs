
namespace IcaKms.Core.Shell;

/// <summary>
/// The bash around the AWS CLI commands of a look-before-write: <c>if LOOK; then SAY; else WRITE; fi</c>, the words
/// already quoted. A refusal prints why and runs <c>false</c> (which stops a script run with <c>set -e</c>) rather than
/// <c>exit</c>, which would close the terminal of a person who pasted the commands.
/// </summary>
internal static class BashBlock
{
    /// <summary><c>if condition; then … else … fi</c>, each branch's lines indented.</summary>
    public static string If(string condition, IEnumerable<string> then, IEnumerable<string> otherwise) =>
        $"if {condition}; then\n{Indent(then)}\nelse\n{Indent(otherwise)}\nfi";

    /// <summary>A chain of <c>if … elif … else … fi</c>: the first condition that holds runs its lines.</summary>
    public static string Chain(IReadOnlyList<(string Condition, IEnumerable<string> Lines)> branches, IEnumerable<string> otherwise)
    {
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < branches.Count; i++)
        {
            text.Append(i == 0 ? "if " : "elif ").Append(branches[i].Condition).Append("; then\n").Append(Indent(branches[i].Lines)).Append('\n');
        }

        return text.Append("else\n").Append(Indent(otherwise)).Append("\nfi").ToString();
    }

    /// <summary>Prints a sentence (quoted) on standard output.</summary>
    public static string Say(string text) => "echo " + BashQuoting.Quote(CliArn.Readable(text));

    /// <summary>Prints why on standard error and fails.</summary>
    public static string Refuse(string text) => $"echo {BashQuoting.Quote(CliArn.Readable(text))} >&2; false";

    /// <summary>True when a command's output is not empty: <c>[ -n "$(…)" ]</c>.</summary>
    public static string Found(string command) => $"[ -n \"$({command})\" ]";

    /// <summary>A JSON document in a shell variable (markers spliced in as <c>"$NAME"</c>).</summary>
    public static string Assign(string variable, string json) => $"{variable}={BashCommandLine.JsonWord(json)}";

    private static string Indent(IEnumerable<string> lines) =>
        string.Join('\n', lines.SelectMany(l => l.Split('\n')).Select(l => "  " + l));
}
