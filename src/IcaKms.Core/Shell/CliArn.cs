using System.Text.RegularExpressions;
using IcaKms.Core.Validation;

namespace IcaKms.Core.Shell;

/// <summary>
/// An ARN as an AWS CLI command names it: a known ARN, or the shell variable an earlier command captured it in
/// (<c>KEY_ARN=$(aws kms create-key … --query KeyMetadata.Arn --output text)</c>), written <c>"$KEY_ARN"</c>.
/// </summary>
public sealed partial record CliArn
{
    private CliArn(string? arn, string? variableName)
    {
        Arn = arn;
        VariableName = variableName;
    }

    /// <summary>The variable <see cref="KmsCliCommands.CreateKey"/> captures the new key's ARN in.</summary>
    public static CliArn CreatedKey { get; } = new(null, "KEY_ARN");

    /// <summary>The variable <see cref="IamCliCommands.CreatePolicy"/> captures the new policy's ARN in.</summary>
    public static CliArn CreatedPolicy { get; } = new(null, "POLICY_ARN");

    /// <summary>The ARN itself, or null when it is held in a shell variable.</summary>
    public string? Arn { get; }

    /// <summary>The shell variable's name, or null for a known ARN.</summary>
    public string? VariableName { get; }

    /// <summary>
    /// The value to put in a document that a command passes as JSON: the ARN, or a marker the command line turns
    /// into <c>"$VARIABLE"</c> (outside the single quotes, so bash expands it).
    /// </summary>
    public string DocumentValue => Arn ?? VariableMarker(VariableName!);

    /// <summary>A known ARN (validated by the caller's rule; here only checked to be an ARN on one line).</summary>
    public static CliArn Of(string arn)
    {
        ArgumentNullException.ThrowIfNull(arn);
        if (ArnParts.Parse(arn) is null || arn.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ArgumentException($"Not an ARN: {InputText.Shorten(arn)}", nameof(arn));
        }

        return new(arn, null);
    }

    /// <summary>An ARN held in a shell variable (upper-case letters, digits and <c>_</c>).</summary>
    public static CliArn Captured(string variableName)
    {
        ArgumentNullException.ThrowIfNull(variableName);
        return VariableNamePattern().IsMatch(variableName)
            ? new(null, variableName)
            : throw new ArgumentException($"Not a shell variable name: {InputText.Shorten(variableName)}", nameof(variableName));
    }

    /// <summary>
    /// The ARN a planned change holds, as a command names it: a variable marker (<see cref="DocumentValue"/> of a
    /// captured ARN, e.g. the key an offline plan creates) becomes that variable, anything else must be an ARN.
    /// </summary>
    public static CliArn FromPlanned(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Match match = WholeMarkerPattern().Match(value);
        return match.Success ? Captured(match.Groups[1].Value) : Of(value);
    }

    /// <summary>Text with every variable marker written as <c>$NAME</c>, for a person to read (titles, comments).</summary>
    public static string Readable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return MarkerPattern().Replace(text, "$$$1");
    }

    /// <summary>The ARN as one bash word: quoted, or <c>"$NAME"</c> for a variable.</summary>
    internal string Word => Arn is { } arn ? BashQuoting.Quote(arn) : $"\"${VariableName}\"";

    /// <summary>The marker for a variable inside a JSON document (a control character System.Text.Json escapes).</summary>
    internal static string VariableMarker(string variableName) => $"\u0001{variableName}\u0001";

    /// <summary>How <see cref="VariableMarker"/> reads once serialized as JSON text.</summary>
    [GeneratedRegex(@"\\u0001([A-Z][A-Z0-9_]*)\\u0001", RegexOptions.CultureInvariant)]
    internal static partial Regex SerializedMarkerPattern();

    [GeneratedRegex("^\u0001([A-Z][A-Z0-9_]*)\u0001$", RegexOptions.CultureInvariant)]
    private static partial Regex WholeMarkerPattern();

    [GeneratedRegex("\u0001([A-Z][A-Z0-9_]*)\u0001", RegexOptions.CultureInvariant)]
    private static partial Regex MarkerPattern();

    [GeneratedRegex("^[A-Z][A-Z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex VariableNamePattern();
}
