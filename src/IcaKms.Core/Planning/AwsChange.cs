using IcaKms.Core.Aws;
using IcaKms.Core.Shell;

namespace IcaKms.Core.Planning;

/// <summary>
/// The handler of one kind of AWS change, and the change itself: an <see cref="Action"/> on a resource
/// <see cref="Address"/> that gives its title, the permission it needs, its documents before and after, how to re-read
/// what it will change, how to write it, and the AWS CLI commands that do the same. One sealed record per kind (one
/// file each, beside this one); nothing else knows the kinds: the applier, the script and the panels only call these
/// members.
/// </summary>
public abstract record AwsChange : SetupChange
{
    /// <summary>What the change does to its resource.</summary>
    public abstract ChangeAction Action { get; }

    /// <summary>The resource the change writes.</summary>
    public abstract ResourceAddress Address { get; }

    /// <summary>
    /// The resources the change names besides its own address that an earlier change of the same plan may create (the
    /// bucket for its settings, the user and the policy for the attachment): while AWS does not show them yet, the
    /// change waits as <see cref="ConsistencyPolicy"/> says.
    /// </summary>
    public virtual IReadOnlyList<ResourceAddress> Needs => [];

    /// <summary>Every permission the change's commands need: the reads of their look-before-write, then the write.</summary>
    public virtual IReadOnlyList<string> ScriptPermissions => [Permission];

    /// <summary>
    /// What <see cref="ReadAsync"/> must answer for the write to go ahead: the state the plan was made from, in the
    /// same form (<see cref="SetupChange.Before"/> by default; null for "does not exist").
    /// </summary>
    public virtual string? PlannedState => Before;

    /// <summary>
    /// Reads what the change will write, in the form of <see cref="PlannedState"/>: null when it does not exist. A
    /// NotFound failure means something the change needs is not there (or not visible yet).
    /// </summary>
    public abstract Task<Result<string?, AwsFailure>> ReadAsync(AwsGateways aws, CancellationToken ct);

    /// <summary>Makes the change (after the applier checked <see cref="ReadAsync"/> against <see cref="PlannedState"/>).</summary>
    /// <param name="aws">The session's gateways in the plan's region.</param>
    /// <param name="consistency">How to wait for what this change itself just created (a new key, for its alias).</param>
    /// <param name="ct">Cancels the write (Disconnect).</param>
    public abstract Task<ChangeWrite> WriteAsync(AwsGateways aws, ConsistencyPolicy consistency, CancellationToken ct);

    /// <summary>The AWS CLI commands that make the same change, each looking before it writes so a second run changes nothing.</summary>
    public abstract override IReadOnlyList<AwsCliCommand> Commands(CommandContext context);
}
