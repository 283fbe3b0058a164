using System.Text;

namespace IcaKms.Core.Export;

/// <summary>
/// Writes HCL the way <c>terraform fmt</c> lays it out: two-space indentation, the <c>=</c> of consecutive one-line
/// attributes aligned, strings quoted with HCL's escapes, documents as indented heredocs.
/// </summary>
internal sealed class HclWriter
{
    private readonly StringBuilder _text = new();
    private readonly List<(string Name, string Value)> _attributes = [];
    private int _depth;

    /// <summary>A quoted HCL string: <c>\</c>, <c>"</c> and control characters escaped, <c>${</c> and <c>%{</c> kept literal.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var quoted = new StringBuilder("\"");
        foreach (char c in value)
        {
            quoted.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => c.ToString(),
            });
        }

        return EscapeTemplate(quoted.Append('"').ToString());
    }

    /// <summary>Escapes HCL's template sequences so <c>${</c> and <c>%{</c> stay literal text.</summary>
    public static string EscapeTemplate(string text) =>
        text.Replace("${", "$${", StringComparison.Ordinal).Replace("%{", "%%{", StringComparison.Ordinal);

    /// <summary>A <c># comment</c> line (each line of a multi-line text is its own comment line).</summary>
    public HclWriter Comment(string text)
    {
        Flush();
        foreach (string line in Wrap(text, 110 - (2 * _depth)))
        {
            Line(line.Length == 0 ? "#" : "# " + line);
        }

        return this;
    }

    /// <summary>An empty line.</summary>
    public HclWriter Blank()
    {
        Flush();
        _text.Append('\n');
        return this;
    }

    /// <summary>An attribute with an expression written as it is.</summary>
    public HclWriter Attribute(string name, string expression)
    {
        _attributes.Add((name, expression));
        return this;
    }

    /// <summary>An attribute with a quoted string.</summary>
    public HclWriter String(string name, string value) => Attribute(name, Quote(value));

    /// <summary>
    /// An attribute whose value is a heredoc of <paramref name="text"/> (already in template form: its own <c>${</c>
    /// are interpolations), indented one level deeper than the attribute.
    /// </summary>
    public HclWriter Heredoc(string name, string marker, string text)
    {
        // terraform fmt aligns the heredoc's "=" with the one-line attributes above it; it ends their group.
        _attributes.Add((name, $"<<-{marker}"));
        Flush();
        string indent = new(' ', 2 * (_depth + 1));
        foreach (string line in text.TrimEnd('\n').Split('\n'))
        {
            _text.Append(line.Length == 0 ? string.Empty : indent + line).Append('\n');
        }

        Line(marker);
        return this;
    }

    /// <summary>A block: <c>header {</c>, its body, <c>}</c>; an empty body is written <c>header {}</c>.</summary>
    public HclWriter Block(string header, Action<HclWriter>? body = null)
    {
        Flush();
        if (body is null)
        {
            Line(header + " {}");
            return this;
        }

        Line(header + " {");
        _depth++;
        body(this);
        Flush();
        _depth--;
        Line("}");
        return this;
    }

    /// <summary>The text written so far, ending in one line break.</summary>
    public override string ToString()
    {
        Flush();
        return _text.ToString().TrimEnd('\n') + "\n";
    }

    private void Flush()
    {
        if (_attributes.Count == 0)
        {
            return;
        }

        int width = _attributes.Max(a => a.Name.Length);
        foreach ((string name, string value) in _attributes)
        {
            Line($"{name.PadRight(width)} = {value}");
        }

        _attributes.Clear();
    }

    private void Line(string text) => _text.Append(' ', 2 * _depth).Append(text).Append('\n');

    private static IEnumerable<string> Wrap(string text, int width)
    {
        foreach (string paragraph in text.Split('\n'))
        {
            var line = new StringBuilder();
            foreach (string word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.Length > 0 && line.Length + 1 + word.Length > width)
                {
                    yield return line.ToString();
                    line.Clear();
                }

                line.Append(line.Length == 0 ? word : " " + word);
            }

            yield return line.ToString();
        }
    }
}
