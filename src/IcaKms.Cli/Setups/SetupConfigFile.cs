using System.Text.Json;
using System.Text.Json.Serialization;

namespace IcaKms.Cli.Setups;

/// <summary>
/// A <c>--config</c> file: <c>{"setups": [{"name": "lab", "region": "us-east-1", "bucket": "...", "keyArn": "...",
/// "iamUser": "..."}, ...]}</c>, one entry per bucket, with the options' names in camelCase (docs/cli.md).
/// </summary>
internal sealed record SetupConfigFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        // A misspelt property would otherwise be dropped in silence and its setup checked without it.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The setups, in the file's order.</summary>
    public IReadOnlyList<SetupEntry> Setups { get; init; } = [];

    /// <summary>Reads the file; throws <see cref="SetupConfigException"/> with a message naming the file and the fault.</summary>
    public static SetupConfigFile Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SetupConfigException($"--config: cannot read '{path}': {ex.Message}");
        }

        return Parse(text, path);
    }

    /// <summary>Parses a file's text (see <see cref="Read"/>).</summary>
    public static SetupConfigFile Parse(string text, string path)
    {
        SetupConfigFile? file;
        try
        {
            file = JsonSerializer.Deserialize<SetupConfigFile>(text, Options);
        }
        catch (JsonException ex)
        {
            throw new SetupConfigException($"--config: '{path}' is not a setups file: {ex.Message}");
        }

        if (file is null || file.Setups.Count == 0)
        {
            throw new SetupConfigException($"--config: '{path}' holds no setup: write {{\"setups\": [{{\"region\": ..., \"bucket\": ..., \"keyArn\": ...}}]}}.");
        }

        return file;
    }
}

/// <summary>A <c>--config</c> file that cannot be used; the message says why.</summary>
internal sealed class SetupConfigException(string message) : Exception(message);
