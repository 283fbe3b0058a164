using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Planning.Rotation;

namespace IcaKms.Cli.Ica;

/// <content>A rotation stopped (Ctrl+C) after IAM made the new key and before ICA got it: that key is deleted at once.</content>
internal sealed partial class RotationSteps
{
    /// <summary>
    /// How long the clean-up after Ctrl+C may take: it runs on a token of its own (the command's is cancelled by then),
    /// within the grace the command line gives a stopped command (<see cref="IcakmsCommand.StopGrace"/>).
    /// </summary>
    internal static readonly TimeSpan CleanUpLimit = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Deletes a new key whose secret never left this run (Core's <see cref="RotationPlanner.CleanUp"/>): nothing can use
    /// it and its secret is gone, so the user is left with the key ICA holds. Audited like every change; says what it did.
    /// </summary>
    private async Task CleanUpAsync(IcaApplyResult stopped)
    {
        if (RotationPlanner.CleanUp(subject.UserName, stopped) is not { Count: > 0 } cleanUp)
        {
            return;
        }

        using var limit = new CancellationTokenSource(CleanUpLimit);
        IcaApplyResult cleaned = await ApplyAsync(cleanUp, null, limit.Token).ConfigureAwait(false);
        await host.Error.WriteLineAsync(cleaned.Result.Succeeded
            ? $"The rotation stopped before ICA got the new key {stopped.UnsentNewKeyId}: it was deleted at once (nothing could use it, and its secret is gone). ICA holds its old key, active."
            : $"The rotation stopped before ICA got the new key {stopped.UnsentNewKeyId}, and deleting it failed ({cleaned.Result.Failure?.Message}): " +
                $"delete it (aws iam delete-access-key --user-name {subject.UserName} --access-key-id {stopped.UnsentNewKeyId}), or the next rotate does. ICA holds its old key, active.").ConfigureAwait(false);
    }
}
