using IcaKms.Core.Ica;

namespace IcaKms.Cli.Ica;

/// <summary>Watches ICA's validation of a configuration (Core's <see cref="ValidationWatch"/>) and tells each read.</summary>
internal static class ValidationPrinter
{
    /// <summary>0 when ICA says OK, 1 when it says ERROR (with Core's reading of its message), 3 when the watch could not finish.</summary>
    public static async Task<int> WatchAsync(
        CliHost host, IIcaClient ica, string configurationId, string name, IcaStorageConfiguration? wanted, string? iamUserName, CancellationToken ct)
    {
        await host.Out.WriteLineAsync($"Watching ICA's validation of {name}…").ConfigureAwait(false);
        ValidationProgress? end = null;
        string? lastStatus = null;
        await foreach (ValidationProgress progress in host.ValidationWatch(host.Time).WatchAsync(ica, configurationId, ct).ConfigureAwait(false))
        {
            end = progress;
            string? status = progress.Configuration?.Status;
            if (status is not null && status != lastStatus)
            {
                await host.Out.WriteLineAsync($"  {status} after {progress.Reads} read(s), {progress.Elapsed.TotalSeconds:0} s").ConfigureAwait(false);
                lastStatus = status;
            }
        }

        if (end?.Failure is { } failure)
        {
            await host.Error.WriteLineAsync($"ICA could not be read: {failure.Message}").ConfigureAwait(false);
            return ExitCodes.CouldNotRun;
        }

        if (end is null || end.TimedOut || end.Configuration is not { } configuration)
        {
            await host.Error.WriteLineAsync($"ICA had not finished validating {name} when the watch ended; ICA goes on: run 'icakms ica watch' later.").ConfigureAwait(false);
            return ExitCodes.CouldNotRun;
        }

        if (configuration.Status == StorageConfigurationStatus.Ok)
        {
            await host.Out.WriteLineAsync($"ICA validated {name}: OK.").ConfigureAwait(false);
            return ExitCodes.Success;
        }

        await host.Out.WriteLineAsync($"ICA's validation of {name} failed: {configuration.ErrorMessage}").ConfigureAwait(false);
        if (wanted is not null)
        {
            ValidationErrorExplanation explanation = ValidationErrorExplanation.Of(configuration.ErrorMessage, wanted, iamUserName);
            await host.Out.WriteLineAsync(explanation.Hint).ConfigureAwait(false);
            if (explanation.CheckIds.Count > 0)
            {
                await host.Out.WriteLineAsync($"Checks to read: {string.Join(", ", explanation.CheckIds)} (icakms check).").ConfigureAwait(false);
            }
        }

        return ExitCodes.Failure;
    }
}
