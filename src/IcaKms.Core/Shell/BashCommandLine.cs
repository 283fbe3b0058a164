using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace IcaKms.Core.Shell;

/// <summary>
/// Builds one AWS CLI command line word by word: every value is quoted with <see cref="BashQuoting"/>, JSON is
/// serialized with System.Text.Json and passed single-quoted, and a <see cref="CliArn"/> held in a shell variable
/// is written <c>"$NAME"</c>.
/// </summary>
internal sealed class BashCommandLine
{
    // The AWS CLI reads a parameter value starting with these from a file or URL instead of taking it as text.
    private static readonly string[] ParamFilePrefixes = ["file://", "fileb://", "http://", "https://"];

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly List<string> _words = ["aws"];

    /// <summary>Starts <c>aws service operation --region region</c>.</summary>
    public BashCommandLine(string service, string operation, string region)
    {
        _words.Add(service);
        _words.Add(operation);
        Option("--region", region);
    }

    /// <summary>A flag without a value, such as <c>--set-as-default</c>.</summary>
    public BashCommandLine Flag(string name)
    {
        _words.Add(name);
        return this;
    }

    /// <summary>An option with a text value, quoted; written <c>--name=value</c> when the value starts with <c>-</c>.</summary>
    public BashCommandLine Option(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (ParamFilePrefixes.Any(p => value.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"The AWS CLI would read {name}'s value as a file or URL: {Validation.InputText.Shorten(value)}", nameof(value));
        }

        _words.Add(value.StartsWith('-') ? BashQuoting.Quote($"{name}={value}") : $"{name} {BashQuoting.Quote(value)}");
        return this;
    }

    /// <summary>An option naming an ARN, known or held in a shell variable.</summary>
    public BashCommandLine Option(string name, CliArn arn) =>
        arn.Arn is { } known ? Option(name, known) : Raw($"{name} \"${arn.VariableName}\"");

    /// <summary>An option whose value is a local file the AWS CLI reads (<c>file://name</c>).</summary>
    public BashCommandLine FileOption(string name, string fileName) => Raw($"{name} {BashQuoting.Quote("file://" + fileName)}");

    /// <summary>An option whose value is the JSON of <paramref name="value"/>, single-quoted; variable markers become <c>"$NAME"</c>.</summary>
    public BashCommandLine JsonOption<T>(string name, T value) => Raw($"{name} {JsonWord(JsonSerializer.Serialize(value, JsonOptions))}");

    /// <summary>Words added as they are (already quoted).</summary>
    public BashCommandLine Raw(string words)
    {
        _words.Add(words);
        return this;
    }

    /// <summary>The command line.</summary>
    public override string ToString() => string.Join(' ', _words);

    /// <summary>The command line with its output captured in a shell variable.</summary>
    public string CapturedIn(CliArn variable) => $"{variable.VariableName}=$({this})";

    /// <summary>The compact JSON of a value, as <see cref="JsonOption{T}"/> sends it.</summary>
    internal static string Json<T>(T value) => JsonSerializer.Serialize(value, JsonOptions);

    /// <summary>JSON text as one bash word: single-quoted, with each variable marker spliced in as <c>"$NAME"</c>.</summary>
    internal static string JsonWord(string json)
    {
        var word = new StringBuilder();
        int start = 0;
        foreach (System.Text.RegularExpressions.Match match in CliArn.SerializedMarkerPattern().Matches(json))
        {
            word.Append(BashQuoting.Quote(json[start..match.Index])).Append("\"$").Append(match.Groups[1].Value).Append('"');
            start = match.Index + match.Length;
        }

        return word.Append(BashQuoting.Quote(json[start..])).ToString();
    }
}
