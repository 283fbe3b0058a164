using System.Text.Json.Nodes;
using IcaKms.Core.Export;
using IcaKms.TestKit;

namespace IcaKms.Export.Tests;

/// <summary>
/// Every sample's files, written once and parsed in one run of the HCL parser (each run starts Node.js and the parser's
/// WebAssembly, several seconds on a shared machine).
/// </summary>
public sealed class ParsedSamples : IAsyncLifetime
{
    private readonly Dictionary<string, ExportedFiles> _files = [];
    private IReadOnlyDictionary<string, JsonObject> _parsed = new Dictionary<string, JsonObject>();

    internal ExportedFiles Files(string name) => _files[name];

    internal JsonObject Parsed(string name, string file) => _parsed[_files[name][file]];

    public async Task InitializeAsync()
    {
        foreach (string name in ExportSamples.Names)
        {
            _files[name] = new ExportedFiles(ExportSamples.Subject(name));
        }

        _parsed = await HclParser.ParseAsync([.. _files.Values.SelectMany(f => new[] { f[ExportFiles.MainTf], f[ExportFiles.VariablesTf], f[ExportFiles.OutputsTf] })]);
    }

    public Task DisposeAsync()
    {
        foreach (ExportedFiles files in _files.Values)
        {
            files.Dispose();
        }

        return Task.CompletedTask;
    }
}
