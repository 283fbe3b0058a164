using IcaKms.Core.Setup;

namespace IcaKms.Core.Planning.Ica;

/// <summary>
/// The handler of one kind of change of the ICA plan, and the change itself, as <see cref="AwsChange"/> is for AWS: an
/// <see cref="Action"/> on a resource <see cref="Address"/> that gives its title, the permission it needs, how to re-read
/// what it will change, how to write it within one apply (<see cref="IcaApplyRun"/>), and the commands that do the same by
/// hand. One sealed record per kind (one file each, beside this one); the applier, the panels and the commands only call
/// these members.
/// </summary>
public abstract record IcaPlanChange : SetupChange
{
    /// <summary>What the change does to its resource.</summary>
    public abstract ChangeAction Action { get; }

    /// <summary>The resource the change writes.</summary>
    public abstract ResourceAddress Address { get; }

    /// <summary>
    /// Makes the change within <paramref name="run"/>: re-reads what it will write first and refuses when that no longer is
    /// what the plan was made from (where ICA lets it be read), then writes. A cancelled call (Disconnect) ends as a
    /// failure saying so, never as an exception.
    /// </summary>
    public async Task<ChangeWrite> ApplyAsync(IcaApplyRun run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            if (await ChangedSincePlanAsync(run, ct).ConfigureAwait(false) is { } drift)
            {
                return new ChangeWrite(false, drift);
            }

            ChangeWrite write = await WriteAsync(run, ct).ConfigureAwait(false);
            if (!write.Done)
            {
                WriteFailed(run);
            }

            return write;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            WriteFailed(run);
            return new ChangeWrite(false, $"Stopped: the session ended while {Permission} was on its way; refresh ICA's lists to see whether it was made.");
        }
    }

    /// <summary>
    /// Re-reads what the change will write and says why it must not go ahead (it changed since the plan), or null. A read
    /// that fails does not stop the write: ICA itself refuses a second item of the same name or a call on a missing one.
    /// </summary>
    protected abstract Task<string?> ChangedSincePlanAsync(IcaApplyRun run, CancellationToken ct);

    /// <summary>Writes the change, taking from <paramref name="run"/> what earlier changes made and leaving there what it made.</summary>
    protected abstract Task<ChangeWrite> WriteAsync(IcaApplyRun run, CancellationToken ct);

    /// <summary>Notes in <paramref name="run"/> what a failed or cancelled write leaves unsettled (nothing by default).</summary>
    protected virtual void WriteFailed(IcaApplyRun run)
    {
    }
}
