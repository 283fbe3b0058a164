using System.CommandLine;
using IcaKms.Core.Adapters.Aws;

namespace IcaKms.Cli.Aws;

/// <summary>The options of the commands that call AWS: which credentials, which endpoint.</summary>
internal sealed class AwsOptions
{
    public Option<string?> Profile { get; } = new("--profile") { Description = "An AWS profile of the shared config/credentials files (default: the standard chain: environment, AWS_PROFILE, SSO, instance role).", HelpName = "name" };

    public Option<string?> EndpointUrl { get; } = new("--endpoint-url") { Description = "An AWS-compatible endpoint for every service (LocalStack, moto); default AWS_ENDPOINT_URL, else AWS.", HelpName = "url" };

    public void AddTo(Command command)
    {
        command.Options.Add(Profile);
        command.Options.Add(EndpointUrl);
    }

    /// <summary>
    /// The endpoint from <c>--endpoint-url</c>, else <c>AWS_ENDPOINT_URL</c>, else null (AWS), as the web app reads it;
    /// false, after telling why, when the URL given is not an absolute http(s) URL.
    /// </summary>
    public bool TryReadEndpoint(ParseResult result, CliHost host, out Uri? endpoint)
    {
        string? option = result.GetValue(EndpointUrl);
        string source = option is not null ? "--endpoint-url" : AwsClientFactory.EndpointEnvironmentVariable;
        string? text = option ?? host.Environment(AwsClientFactory.EndpointEnvironmentVariable);
        endpoint = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            host.Error.WriteLine($"{source}: '{text}' is not an http:// or https:// URL.");
            return false;
        }

        endpoint = uri;
        return true;
    }
}
