using System.Diagnostics;
using IcaKms.Core.Checks;
using IcaKms.Core.Setup;
using Microsoft.AspNetCore.Components;
using static IcaKms.Web.Services.AwsConnection;

namespace IcaKms.Web.Services;

/// <summary>What the inspection flow is doing.</summary>
public enum InspectionActivity
{
    /// <summary>Nothing in flight.</summary>
    Idle,

    /// <summary>The bucket, key and policies are read.</summary>
    Inspecting,
}

/// <summary>
/// The inspection flow: reads the bucket, key and policies the wizard's inputs name (validated once, by
/// <see cref="WizardInputs"/>), and judges every live check against the wizard's current choices. Components call
/// <see cref="InspectAsync"/> and render its read-only surface; what the bucket's versioning means for the inputs is
/// the coordinator's business (<see cref="SnapshotChanged"/>).
/// </summary>
public sealed class AwsInspection : IDisposable
{
    private readonly WizardInputs _inputs;
    private readonly AwsConnection _connection;
    private readonly ChangeRecorder _recorder;
    private readonly IcaKmsTelemetry _telemetry;
    private readonly ChangeSubscriptions _changes = new();
    private readonly FlowActivity<InspectionActivity, ConnectedSession> _activity;
    private InspectionRequest? _inspected;
    private InspectionRequest? _currentRequest;
    private SetupValidation? _currentRequestFor;
    private InspectionRequest? _checksFor;
    private IReadOnlyList<SetupCheck>? _checks;

    public AwsInspection(WizardInputs inputs, AwsConnection connection, ChangeRecorder recorder, IcaKmsTelemetry telemetry)
    {
        _inputs = inputs;
        _connection = connection;
        _recorder = recorder;
        _telemetry = telemetry;
        _activity = new FlowActivity<InspectionActivity, ConnectedSession>(connection, _changes);
        _connection.Changed += Forget;
    }

    /// <summary>Raised with each snapshot kept, and with null when it is forgotten (the coordinator picks the policy variant from it).</summary>
    internal event Action<LiveSnapshot?>? SnapshotChanged;

    public InspectionActivity Activity => _activity.Current;

    /// <summary>True while an inspection runs (derived from <see cref="Activity"/>).</summary>
    public bool IsInspecting => Activity == InspectionActivity.Inspecting;

    /// <summary>Why the last inspection asked for was not started (the per-user limit), or null.</summary>
    public string? InspectionRefusal { get; private set; }

    /// <summary>True when an inspection can start now: connected, none running, and a bucket name to inspect.</summary>
    public bool CanInspect => _connection.IsConnected && _activity.IsIdle && _inputs.Validation.BucketName.IsValid;

    /// <summary>The last inspection of this connection, or null.</summary>
    public LiveSnapshot? Snapshot { get; private set; }

    /// <summary>
    /// The checks of the last inspection, judged against the wizard's current choices (variant, prefix scoping,
    /// cross-account copy and role); null before the first inspection, after Disconnect, and once the inputs name
    /// another bucket, key, prefix, region, user or policy than were inspected (see <see cref="InspectionIsStale"/>).
    /// </summary>
    public IReadOnlyList<SetupCheck>? Checks
    {
        get
        {
            if (Snapshot is not { } snapshot || _inspected is not { } inspected)
            {
                return null;
            }

            InspectionRequest current = CurrentRequest();
            if (!SameSubject(current, inspected))
            {
                return null;
            }

            if (_checks is null || _checksFor != current)
            {
                _checks = LiveChecks.Evaluate(snapshot, current);
                _checksFor = current;
            }

            return _checks;
        }
    }

    /// <summary>True when an inspection is on hand but the inputs now name something else than it inspected.</summary>
    public bool InspectionIsStale => Snapshot is not null && _inspected is { } inspected &&
        !SameSubject(CurrentRequest(), inspected);

    /// <summary>The inspection started last (for tests that end a session during one); it never throws.</summary>
    internal Task? InspectionInFlight { get; private set; }

    /// <summary>Re-renders the subscriber after every change of this flow, until the subscription is disposed.</summary>
    public IDisposable NotifyOnChange(EventCallback callback) => _changes.Subscribe(callback);

    /// <summary>
    /// Inspects the bucket, key and policies of the wizard's inputs and evaluates every check. Does nothing when
    /// <see cref="CanInspect"/> is false.
    /// </summary>
    public Task InspectAsync()
    {
        if (!CanInspect || _connection.Current is not { } connected)
        {
            return Task.CompletedTask;
        }

        if (!TakeInspection())
        {
            return _changes.NotifyAsync();
        }

        InspectionInFlight = InspectUnderAsync(connected);
        return InspectionInFlight;
    }

    /// <summary>The inputs as an inspection request, made again only when they changed.</summary>
    // Every edit gives the inputs a new validation; the panels ask for it several times per render.
    internal InspectionRequest CurrentRequest()
    {
        if (_currentRequest is null || !ReferenceEquals(_currentRequestFor, _inputs.Validation))
        {
            _currentRequest = InspectionRequest.Create(_inputs.Inputs, _inputs.Validation);
            _currentRequestFor = _inputs.Validation;
        }

        return _currentRequest;
    }

    /// <summary>Takes one of the person's inspections (see <see cref="PerUserRateLimits"/>); false, with the reason shown, when none is left.</summary>
    internal bool TakeInspection()
    {
        InspectionRefusal = _recorder.TakeInspection();
        return InspectionRefusal is null;
    }

    /// <summary>Inspects under <paramref name="connected"/> (also a step of the apply flow's plan and apply).</summary>
    internal Task InspectUnderAsync(ConnectedSession connected)
    {
        // Validated once, by the wizard's inputs; the inspection and the checks read this record only.
        InspectionRequest request = CurrentRequest();
        return _activity.RunUnderAsync(connected, InspectionActivity.Inspecting, ReadAsync, Keep);

        async Task<LiveSnapshot> ReadAsync(ConnectedSession session)
        {
            using Activity? span = _telemetry.StartInspection(request);
            LiveSnapshot snapshot = await Inspection.RunAsync(
                session.Gateways(request.AwsRegion), request, session.Token, s3InRegion: region => session.Gateways(region).S3);
            _telemetry.Inspected(span, snapshot);
            return snapshot;
        }

        Task Keep(ConnectedSession session, LiveSnapshot snapshot)
        {
            Snapshot = snapshot;
            _inspected = request;
            _checks = null;
            SnapshotChanged?.Invoke(snapshot);
            return Task.CompletedTask;
        }
    }

    /// <summary>Forgets everything inspected, keeping the connection (Disconnect, a new connection, "Start over").</summary>
    internal void Forget()
    {
        Snapshot = null;
        _inspected = null;
        _checks = null;
        _checksFor = null;
        _activity.Reset();
        InspectionRefusal = null;
        SnapshotChanged?.Invoke(null);
    }

    /// <summary>Tells the subscribers (after the coordinator made this flow forget).</summary>
    internal Task NotifyAsync() => _changes.NotifyAsync();

    public void Dispose() => _connection.Changed -= Forget;

    // The calls an inspection made depend on these inputs only; the rest (variant, scoping, cross-account copy and role)
    // are judged from the same snapshot.
    private static bool SameSubject(InspectionRequest a, InspectionRequest b) =>
        a.AwsRegion == b.AwsRegion && a.BucketName == b.BucketName && a.Key == b.Key && a.Prefix == b.Prefix &&
        a.IamUserName == b.IamUserName && a.PolicyArn == b.PolicyArn;
}
