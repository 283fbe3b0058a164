using IcaKms.Core.Shell;
using System.Text.Json;
using System.Text.RegularExpressions;
using IcaKms.Core.Ica;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Planning.Ica;

/// <summary>
/// The <c>curl</c> command lines every ICA change's commands are made of (no <c>icav2</c> commands are offered: none
/// were found documented for storage credentials or configurations). The API key and any secret stay in shell variables
/// (<c>$ICA_API_KEY</c>, <c>$AWS_SECRET_ACCESS_KEY</c>) the person sets; ids created by one command are captured with
/// <c>jq</c> for the next.
/// </summary>
public static partial class IcaCurl
{
    /// <summary>The variable holding the ICA API key.</summary>
    public const string ApiKeyVariable = "ICA_API_KEY";

    /// <summary>The variable the new credential's id is captured in.</summary>
    public const string CredentialIdVariable = "STORAGE_CREDENTIAL_ID";

    /// <summary>The variable the new configuration's id is captured in.</summary>
    public const string ConfigurationIdVariable = "STORAGE_CONFIGURATION_ID";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A <c>curl</c> call of ICA's API: the key from <c>$ICA_API_KEY</c>, ICA's media type, and the body as JSON.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="apiUrl">ICA's API base address.</param>
    /// <param name="path">The path, with a captured id spliced in by <see cref="IdPath"/>.</param>
    /// <param name="body">The request body, or null.</param>
    public static string Call(string method, Uri apiUrl, string path, object? body)
    {
        ArgumentNullException.ThrowIfNull(apiUrl);
        string url = apiUrl.AbsoluteUri.TrimEnd('/') + path;
        var words = new List<string>
        {
            "curl", "--fail-with-body", "-sS", "-X", method,
            UrlWord(url),
            "-H", $"\"X-API-Key: ${ApiKeyVariable}\"",
            "-H", BashQuoting.Quote("Accept: " + IcaApi.MediaType),
        };
        if (body is not null)
        {
            words.Add("-H");
            words.Add(BashQuoting.Quote("Content-Type: " + IcaApi.MediaType));
            words.Add("--data");
            words.Add(BashCommandLine.JsonWord(JsonSerializer.Serialize(body, body.GetType(), Json)));
        }
        else if (method == "POST")
        {
            words.Add("--data");
            words.Add("''");
        }

        return string.Join(' ', words);
    }

    /// <summary>A configuration's path: with its id when known now, else with the variable the create command captured it in.</summary>
    public static string IdPath(string path, string? id)
    {
        ArgumentNullException.ThrowIfNull(path);
        return id is null ? path.Replace("{id}", CliArn.VariableMarker(ConfigurationIdVariable), StringComparison.Ordinal) : IcaApi.WithId(path, id);
    }

    // The URL as one bash word, with a captured id spliced in as "$NAME" (outside the single quotes).
    private static string UrlWord(string url)
    {
        Match match = RawMarker().Match(url);
        if (!match.Success)
        {
            return BashQuoting.Quote(url);
        }

        string after = url[(match.Index + match.Length)..];
        return BashQuoting.Quote(url[..match.Index]) + "\"$" + match.Groups[1].Value + "\"" + (after.Length == 0 ? string.Empty : BashQuoting.Quote(after));
    }

    [GeneratedRegex("\u0001([A-Z][A-Z0-9_]*)\u0001", RegexOptions.CultureInvariant)]
    private static partial Regex RawMarker();
}
