using System.Text.Json.Nodes;

namespace IcaKms.Export.Tests;

/// <summary>
/// HashiCorp's HCL parser, through the npm package <c>@cdktf/hcl2json</c> (hcl/hcl2json.mjs): a Terraform file as the
/// JSON Terraform itself would read, or the parser's error.
/// </summary>
internal static class HclParser
{
    /// <summary>Parses the files; throws with the parser's message when one does not parse or the parser is not installed.</summary>
    public static async Task<IReadOnlyDictionary<string, JsonObject>> ParseAsync(params string[] files)
    {
        string folder = Tools.HclFolder();
        if (!File.Exists(Path.Combine(folder, "node_modules", "@cdktf", "hcl2json", "package.json")))
        {
            throw new InvalidOperationException($"The HCL parser is not installed: run `npm ci` in {folder} (scripts/test.sh does).");
        }

        string node = Tools.OnPath("node") ?? throw new InvalidOperationException("node is not on PATH: the HCL parser runs on Node.js.");
        (int exitCode, string output, string error) = await Tools.RunAsync(node, ["hcl2json.mjs", .. files], folder);
        if (exitCode != 0)
        {
            throw new HclParseException(error.Trim());
        }

        JsonObject parsed = JsonNode.Parse(output)!.AsObject();
        return files.ToDictionary(f => f, f => parsed[f]!.AsObject());
    }
}

/// <summary>A Terraform file HashiCorp's parser refused, with its message.</summary>
internal sealed class HclParseException(string message) : Exception(message);
