using System.CommandLine;
using IcaKms.Cli.Aws;
using IcaKms.Cli.Setups;
using IcaKms.Core.Checks;
using IcaKms.Core.Setup;

namespace IcaKms.Cli.Applying;

/// <summary>One setup from the options, its inspection request, and an AWS session that STS accepted (apply, verify).</summary>
internal sealed record LiveSetup(SelectedSetup Setup, InspectionRequest Request, AwsAccess Access)
{
    /// <summary>The setup and the session, or null after telling why on standard error (exit code 3).</summary>
    public static async Task<LiveSetup?> OpenAsync(CliHost host, ParseResult result, SetupOptions setup, AwsOptions aws, CancellationToken ct)
    {
        if (SetupSelection.Select(result, setup, config: null, withIam: true, host.Error) is not [SelectedSetup selected] ||
            !aws.TryReadEndpoint(result, host, out Uri? endpoint))
        {
            return null;
        }

        InspectionRequest request = InspectionRequest.Create(selected.Inputs, SetupValidation.Of(selected.Inputs));
        (AwsAccess? access, string? problem) = await AwsAccess.OpenAsync(host, result.GetValue(aws.Profile), endpoint, request.AwsRegion, ct).ConfigureAwait(false);
        if (access is null)
        {
            await host.Error.WriteLineAsync(problem).ConfigureAwait(false);
            return null;
        }

        return new LiveSetup(selected, request, access);
    }

    /// <summary>Inspects the setup, as the wizard does before it plans.</summary>
    public Task<LiveSnapshot> InspectAsync(CliHost host, CancellationToken ct) =>
        Inspection.RunAsync(Access.Gateways(Request.AwsRegion), Request, ct, host.Time, s3InRegion: region => Access.Gateways(region).S3);
}
