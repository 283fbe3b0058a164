using IcaKms.Cli.Aws;
using IcaKms.Cli.Ica;
using IcaKms.Core.Adapters.Aws;
using IcaKms.Core.Adapters.Ica;
using IcaKms.Core.Ica;

namespace IcaKms.Cli;

/// <summary>
/// What a command reaches outside itself: its output streams, the environment, the AWS credential chain and the AWS
/// clients. <see cref="FromProcess"/> is the real process; tests run the commands in-process with their own host.
/// </summary>
internal sealed class CliHost
{
    /// <summary>Standard output: the result of a command (documents' list, the check table or report).</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Standard error: problems and progress.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Reads an environment variable (<c>AWS_ENDPOINT_URL</c>, <c>ICA_API_KEY</c>, <c>NO_COLOR</c>).</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>True when standard output is a terminal: colours and live progress only then.</summary>
    public bool OutputIsTerminal { get; init; }

    /// <summary>Where AWS credentials come from (the SDK's standard chain, or a profile).</summary>
    public IAwsCredentialSource Credentials { get; init; } = new AwsCredentialChain();

    /// <summary>Builds the AWS clients for the settings a command resolved (endpoint, timeouts).</summary>
    public Func<AwsClientSettings, IAwsGatewayFactory> AwsClients { get; init; } = settings => AwsClientFactory.WithIamQueryClient(settings);

    /// <summary>Builds the ICA API client factory for a base address (the same resilience pipeline as the web app).</summary>
    public Func<Uri, IIcaClientFactory> IcaClients { get; init; } = IcaWiring.ClientFactory;

    /// <summary>How often ICA's validation is read while watched (Core's default back-off).</summary>
    public Func<TimeProvider, ValidationWatch> ValidationWatch { get; init; } = time => new ValidationWatch(time);

    /// <summary>The clock (elapsed times in reports).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The host of the running process.</summary>
    public static CliHost FromProcess() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        OutputIsTerminal = !Console.IsOutputRedirected,
    };
}
