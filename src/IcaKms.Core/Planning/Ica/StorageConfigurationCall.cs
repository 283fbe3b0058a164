using IcaKms.Core.Ica;
using IcaKms.Core.Shell;

namespace IcaKms.Core.Planning.Ica;

/// <summary>
/// What the changes that act on a storage configuration (share it, validate it) share: the configuration is named by its
/// id, or, when an earlier change of the same plan creates it, by the id that change left in the run (in the commands:
/// the variable its command captured it in).
/// </summary>
/// <param name="ApiUrl">ICA's API base address.</param>
/// <param name="Name">The configuration name.</param>
/// <param name="ConfigurationId">Its id, or null when an earlier change of the plan creates it.</param>
public abstract record StorageConfigurationCall(Uri ApiUrl, string Name, string? ConfigurationId) : IcaChange(ApiUrl)
{
    /// <inheritdoc />
    public override string Resource => Name;

    /// <inheritdoc />
    public override ChangeAction Action => ChangeAction.Update;

    /// <summary>The configuration as ICA shows it by id now; a NotFound failure when it is gone.</summary>
    public Task<Result<StorageConfiguration, IcaFailure>> ReadAsync(IIcaClient ica, string id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ica);
        return ica.GetStorageConfigurationAsync(id, ct);
    }

    /// <summary>
    /// An existing configuration (the plan read it) must still be there under its name; one an earlier change just created
    /// had no state to plan from.
    /// </summary>
    protected override async Task<string?> ChangedSincePlanAsync(IcaApplyRun run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (ConfigurationId is null)
        {
            return null;
        }

        Result<StorageConfiguration, IcaFailure> now = await ReadAsync(run.Ica, ConfigurationId, ct).ConfigureAwait(false);
        return now.Failure is { Kind: IcaFailureKind.NotFound } || now.Value is { } found && !string.Equals(found.Name, Name, StringComparison.Ordinal)
            ? $"The storage configuration {Name} ({ConfigurationId}) is no longer in ICA under that name since the plan was made, so nothing was sent: plan again."
            : null;
    }

    /// <inheritdoc />
    protected sealed override async Task<ChangeWrite> WriteAsync(IcaApplyRun run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        run.ConfigurationId ??= ConfigurationId;
        if (run.ConfigurationId is not { } id)
        {
            return new ChangeWrite(false, NothingToCall);
        }

        return await CallAsync(run, id, ct).ConfigureAwait(false);
    }

    /// <summary>What to say when no configuration id is known (the earlier create did not get that far).</summary>
    protected abstract string NothingToCall { get; }

    /// <summary>Makes the call on the configuration <paramref name="id"/>.</summary>
    protected abstract Task<ChangeWrite> CallAsync(IcaApplyRun run, string id, CancellationToken ct);

    /// <summary>The curl command of a POST on the configuration's path (the id, or the variable it was captured in).</summary>
    protected CurlCommand Post(string comment, string path) => new(comment, IcaCurl.Call("POST", ApiUrl, IcaCurl.IdPath(path, ConfigurationId), null));
}
