using System.Text.Json;
using IcaKms.Core.Planning;
using IcaKms.Core.Shell;

namespace IcaKms.Core.Ica;

/// <summary>
/// The <c>curl</c> commands that make the same ICA changes by hand (no <c>icav2</c> commands are offered: none were
/// found documented for storage credentials or configurations). The API key and any secret stay in shell variables
/// (<c>$ICA_API_KEY</c>, <c>$AWS_SECRET_ACCESS_KEY</c>) the person sets; ids created by one command are captured
/// with <c>jq</c> for the next.
/// </summary>
public static partial class IcaCurlCommands
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

    /// <summary>The commands for one change.</summary>
    public static IReadOnlyList<CurlCommand> For(SetupChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change switch
        {
            CreateIamAccessKeyChange c =>
            [
                new($"Create an access key for {c.UserName} (IAM allows two per user); the secret stays in a shell variable",
                    "read -r AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY < <(aws iam create-access-key --user-name " + BashQuoting.Quote(c.UserName) +
                    " --query 'AccessKey.[AccessKeyId,SecretAccessKey]' --output text)"),
            ],
            CreateStorageCredentialChange c =>
            [
                new($"Create the ICA storage credential {c.Name} from $AWS_ACCESS_KEY_ID and $AWS_SECRET_ACCESS_KEY; its id is kept in ${CredentialIdVariable}",
                    $"{CredentialIdVariable}=$({Curl("POST", c.ApiUrl, IcaApi.StorageCredentialsPath, new StorageCredentialRequest(c.Name, StorageCredential.AwsUserType,
                        new AwsAccessKey(CliArn.VariableMarker("AWS_ACCESS_KEY_ID"), CliArn.VariableMarker("AWS_SECRET_ACCESS_KEY"))))} | jq -r .id)"),
            ],
            CreateStorageConfigurationChange c =>
            [
                new($"Create the ICA storage configuration {c.Request.Name}; its id is kept in ${ConfigurationIdVariable}",
                    $"{ConfigurationIdVariable}=$({Curl("POST", c.ApiUrl, IcaApi.StorageConfigurationsPath, WithCredentialVariable(c.Request))} | jq -r .id)"),
            ],
            ShareStorageConfigurationChange c => [new($"Share {c.Name} with the tenant", Curl("POST", c.ApiUrl, IdPath(IcaApi.ShareStorageConfigurationPath, c.ConfigurationId), null))],
            ValidateStorageConfigurationChange c =>
            [
                new($"Start ICA's validation of {c.Name}", Curl("POST", c.ApiUrl, IdPath(IcaApi.ValidateStorageConfigurationPath, c.ConfigurationId), null)),
                new("Read its status until it is OK or ERROR (errorMessage says why)",
                    Curl("GET", c.ApiUrl, IdPath(IcaApi.StorageConfigurationPath, c.ConfigurationId), null) + " | jq '{status, errorMessage}'"),
            ],
            _ => throw new ArgumentException($"No ICA commands for {change.GetType().Name}.", nameof(change)),
        };
    }

    private static StorageConfigurationRequest WithCredentialVariable(StorageConfigurationRequest request) =>
        request.StorageCredentialId == StorageConfigurationRequest.StorageCredentialIdPlaceholder
            ? request with { StorageCredentialId = CliArn.VariableMarker(CredentialIdVariable) }
            : request;

    // An id known now, or the variable the create command captured it in (spliced outside the single quotes).
    private static string IdPath(string path, string? id) =>
        id is null ? path.Replace("{id}", CliArn.VariableMarker(ConfigurationIdVariable), StringComparison.Ordinal) : IcaApi.WithId(path, id);

    private static string Curl(string method, Uri apiUrl, string path, object? body)
    {
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

    // The URL as one bash word, with a captured id spliced in as "$NAME".
    private static string UrlWord(string url)
    {
        System.Text.RegularExpressions.Match match = RawMarker().Match(url);
        if (!match.Success)
        {
            return BashQuoting.Quote(url);
        }

        string after = url[(match.Index + match.Length)..];
        return BashQuoting.Quote(url[..match.Index]) + "\"$" + match.Groups[1].Value + "\"" + (after.Length == 0 ? string.Empty : BashQuoting.Quote(after));
    }

    [System.Text.RegularExpressions.GeneratedRegex("\u0001([A-Z][A-Z0-9_]*)\u0001", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex RawMarker();
}
