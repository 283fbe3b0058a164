using Amazon.Runtime;
using IcaKms.Cli.Aws;
using IcaKms.Core.Adapters.Aws;

namespace IcaKms.Cli.Tests;

/// <summary>What one in-process run of <c>icakms</c> printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public string All => Out + Error;
}

/// <summary>Runs <c>icakms</c> in-process with a host whose environment and credentials the test chooses.</summary>
internal sealed class CliRun
{
    /// <summary>The secret every test credential carries: it must never appear in any output.</summary>
    public const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY";

    /// <summary>The session token every test credential carries.</summary>
    public const string SessionToken = "IQoJb3JpZ2luX2VjEFAKESESSIONTOKEN0123456789";

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>The access key id of the credentials the chain finds; null for none found.</summary>
    public string? AccessKeyId { get; set; } = IcaKms.FakeAws.FakeAwsScenario.DefaultAccessKeyId;

    /// <summary>The AWS clients (default: the real SDK clients, for the loopback fake).</summary>
    public Func<AwsClientSettings, IAwsGatewayFactory>? AwsClients { get; set; }

    /// <summary>How ICA's validation is watched: every millisecond here, so a watch ends as soon as the fake ICA settles.</summary>
    public Func<TimeProvider, IcaKms.Core.Ica.ValidationWatch> ValidationWatch { get; set; } =
        time => new IcaKms.Core.Ica.ValidationWatch(time) { FirstDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(1) };

    /// <summary>The profile the last run asked the chain for.</summary>
    public string? ProfileAsked { get; private set; }

    /// <summary>
    /// Cancels the command's token, as Ctrl+C does, as soon as its output holds this text (a signal from the run itself,
    /// never a timer); null: never.
    /// </summary>
    public string? CtrlCWhenPrinted { get; set; }

    public async Task<CliResult> RunAsync(params string[] args)
    {
        using var ctrlC = new CancellationTokenSource();
        using var output = CtrlCWhenPrinted is { } text ? new SignallingWriter(text, ctrlC.Cancel) : new StringWriter();
        using var error = new StringWriter();
        var host = new CliHost
        {
            Out = output,
            Error = error,
            Environment = name => Environment.GetValueOrDefault(name),
            OutputIsTerminal = false,
            Credentials = new FixedCredentials(this),
            AwsClients = AwsClients ?? (settings => AwsClientFactory.WithIamQueryClient(settings)),
            ValidationWatch = ValidationWatch,
        };
        int code = await IcakmsCommand.RunAsync(args, host, ctrlC.Token);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    private sealed class FixedCredentials(CliRun run) : IAwsCredentialSource
    {
        public Task<AWSCredentials> ResolveAsync(string? profile, CancellationToken cancellationToken)
        {
            run.ProfileAsked = profile;
            return run.AccessKeyId is { } id
                ? Task.FromResult<AWSCredentials>(new SessionAWSCredentials(id, Secret, SessionToken))
                : throw new AwsCredentialsNotFoundException("No AWS credentials found (test).");
        }
    }

    /// <summary>An output that calls <paramref name="seen"/> once what was written holds <paramref name="text"/>.</summary>
    private sealed class SignallingWriter(string text, Action seen) : StringWriter
    {
        private bool _seen;

        public override void Write(char value)
        {
            base.Write(value);
            Check();
        }

        public override void Write(string? value)
        {
            base.Write(value);
            Check();
        }

        public override void Write(char[] buffer, int index, int count)
        {
            base.Write(buffer, index, count);
            Check();
        }

        private void Check()
        {
            if (!_seen && ToString().Contains(text, StringComparison.Ordinal))
            {
                _seen = true;
                seen();
            }
        }
    }
}
