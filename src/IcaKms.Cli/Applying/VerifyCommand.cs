using IcaKms.Core.Applying;
using System.CommandLine;
using IcaKms.Cli.Aws;
using IcaKms.Cli.Setups;
using IcaKms.Core.Setup;

namespace IcaKms.Cli.Applying;

/// <summary>
/// <c>icakms verify</c>: Core's <see cref="SetupVerification"/>, as the wizard's "Verify with a test write": writes a test
/// object under the prefix without encryption headers, checks S3 stored it with the key, and deletes it.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(CliHost host)
    {
        var setup = new SetupOptions();
        var aws = new AwsOptions();
        var command = new Command("verify", Help.Text(
            "Write a test object under the prefix (no encryption headers), check that S3 encrypted it with the key, and delete it. Exit code: 0 verified, 1 not, 3 could not run.",
            "icakms verify --region us-east-1 --bucket my-ica-bucket --key-arn arn:aws:kms:us-east-1:111122223333:key/... --prefix ica/"));
        setup.AddTo(command, withIam: true);
        aws.AddTo(command);
        command.SetAction(async (result, ct) =>
        {
            if (await LiveSetup.OpenAsync(host, result, setup, aws, ct).ConfigureAwait(false) is not { } live)
            {
                return ExitCodes.CouldNotRun;
            }

            if (live.Request.BucketName is not string bucket || live.Request.KeyArn is not string keyArn)
            {
                await host.Error.WriteLineAsync("--key-arn: verify needs a key ARN in the region (not an alias or key id).").ConfigureAwait(false);
                return ExitCodes.CouldNotRun;
            }

            VerificationResult verification = await SetupVerification.RunAsync(
                live.Access.Gateways(live.Request.AwsRegion).S3, bucket, live.Request.Prefix, keyArn, ct).ConfigureAwait(false);
            await (verification.Passed ? host.Out : host.Error).WriteLineAsync(verification.Message).ConfigureAwait(false);
            return verification.Passed ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }
}
