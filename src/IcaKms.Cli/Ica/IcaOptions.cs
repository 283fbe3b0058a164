using System.CommandLine;
using IcaKms.Core.Adapters.Ica;
using IcaKms.Core.Ica;

namespace IcaKms.Cli.Ica;

/// <summary>The options every <c>icakms ica</c> command shares: ICA's address; the API key comes from the environment only.</summary>
internal sealed class IcaOptions
{
    public Option<string?> IcaUrl { get; } = new("--ica-url") { Description = $"ICA's API base address (default {Core.Ica.IcaApi.BaseUrl}).", HelpName = "url" };

    public void AddTo(Command command) => command.Options.Add(IcaUrl);

    /// <summary>A client for the key in <c>ICA_API_KEY</c>, or null after telling why not.</summary>
    public (IIcaClient Client, Uri ApiUrl)? Connect(CliHost host, ParseResult result)
    {
        string? key = host.Environment(IcaWiring.ApiKeyVariable);
        if (string.IsNullOrWhiteSpace(key))
        {
            host.Error.WriteLine($"{IcaWiring.ApiKeyVariable} is not set: export your ICA API key in the environment (it is never taken as an argument).");
            return null;
        }

        string text = result.GetValue(IcaUrl) ?? Core.Ica.IcaApi.BaseUrl;
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            host.Error.WriteLine($"--ica-url: '{text}' is not an http:// or https:// URL.");
            return null;
        }

        IIcaClientFactory factory = host.IcaClients(url);
        return (factory.Create(key.Trim()), factory.BaseAddress);
    }
}
