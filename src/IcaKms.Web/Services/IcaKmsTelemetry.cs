using System.Diagnostics;
using System.Diagnostics.Metrics;
using IcaKms.Core.Aws;
using IcaKms.Core.Checks;
using IcaKms.Core.Applying;
using IcaKms.Core.Planning;

namespace IcaKms.Web.Services;

/// <summary>
/// The app's own traces and metrics, under the name <see cref="Name"/>: a span per inspection and per apply, and the
/// counters circuits open, inspections, applied changes and AWS errors by code. Without a listener (OpenTelemetry is off
/// unless an OTLP endpoint is configured, see <c>PortalTelemetry</c>) every call here costs next to nothing.
/// </summary>
public sealed class IcaKmsTelemetry : IDisposable
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "IcaKms";

    private readonly Meter _meter;
    private readonly UpDownCounter<long> _circuitsOpen;
    private readonly Counter<long> _inspections;
    private readonly Counter<long> _applies;
    private readonly Counter<long> _awsErrors;

    public IcaKmsTelemetry(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(Name);
        _circuitsOpen = _meter.CreateUpDownCounter<long>("icakms.circuits.open", "{circuit}", "Blazor circuits (browser tabs) open on this instance.");
        _inspections = _meter.CreateCounter<long>("icakms.inspections", "{inspection}", "Live inspections of a bucket, key and policies.");
        _applies = _meter.CreateCounter<long>("icakms.applies", "{change}", "Changes applied to AWS, by action and outcome.");
        _awsErrors = _meter.CreateCounter<long>("icakms.aws.errors", "{error}", "AWS calls that failed, by error code and action.");
    }

    /// <summary>The source of the inspection and apply spans.</summary>
    public ActivitySource Source { get; } = new(Name);

    /// <summary>Counts a circuit opened (+1) or closed (-1).</summary>
    public void CircuitOpened(int delta) => _circuitsOpen.Add(delta);

    /// <summary>Starts the span of an inspection (null when nobody listens).</summary>
    public Activity? StartInspection(InspectionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Activity? activity = Source.StartActivity("icakms.inspect");
        activity?.SetTag("aws.region", request.AwsRegion);
        activity?.SetTag("aws.s3.bucket", request.BucketName);
        return activity;
    }

    /// <summary>Counts an inspection and every AWS error it met, and ends its span with them.</summary>
    public void Inspected(Activity? activity, LiveSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _inspections.Add(1);
        IReadOnlyList<AwsFailure> failures = FailuresOf(snapshot);
        foreach (AwsFailure failure in failures)
        {
            AwsError(failure);
        }

        activity?.SetTag("icakms.aws_errors", failures.Count);
    }

    /// <summary>Starts the span of applying a plan (null when nobody listens).</summary>
    public Activity? StartApply(PlanScope scope, SetupPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Activity? activity = Source.StartActivity("icakms.apply");
        activity?.SetTag("icakms.scope", scope.ToString());
        activity?.SetTag("icakms.changes", plan.Changes.Count);
        return activity;
    }

    /// <summary>Counts one applied change by action and outcome.</summary>
    public void Applied(AppliedChange applied)
    {
        ArgumentNullException.ThrowIfNull(applied);
        _applies.Add(1, new KeyValuePair<string, object?>("action", applied.Change.Permission), new KeyValuePair<string, object?>("outcome", applied.Outcome.ToString()));
    }

    /// <summary>Ends an apply span with its result.</summary>
    public static void ApplyEnded(Activity? activity, ApplyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        activity?.SetTag("icakms.succeeded", result.Succeeded);
        if (!result.Succeeded)
        {
            activity?.SetStatus(ActivityStatusCode.Error);
        }
    }

    /// <summary>Counts one failed AWS call by its error code (or its kind when AWS gave none) and action.</summary>
    public void AwsError(AwsFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        _awsErrors.Add(1, new KeyValuePair<string, object?>("error.code", failure.ErrorCode ?? failure.Kind.ToString()), new KeyValuePair<string, object?>("aws.action", failure.Action));
    }

    public void Dispose()
    {
        Source.Dispose();
        _meter.Dispose();
    }

    private static List<AwsFailure> FailuresOf(LiveSnapshot snapshot)
    {
        AwsFailure?[] all =
        [
            snapshot.BucketRegion.Failure, snapshot.Encryption.Failure, snapshot.Versioning.Failure, snapshot.ObjectOwnership.Failure,
            snapshot.PublicAccess.Failure, snapshot.PrefixExists?.Failure, snapshot.Key.Failure, snapshot.KeyPolicy.Failure,
            snapshot.EncryptionKey?.Failure, snapshot.IamPolicies?.Failure,
        ];
        return [.. all.OfType<AwsFailure>()];
    }
}
