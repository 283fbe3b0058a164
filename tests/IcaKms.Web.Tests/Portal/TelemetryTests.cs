using System.Diagnostics;
using IcaKms.Web.Portal;
using IcaKms.Web.Services;
using IcaKms.Web.Tests.Live;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace IcaKms.Web.Tests.Portal;

/// <summary>The app's own spans and counters, exported through OpenTelemetry's in-memory exporter.</summary>
public class TelemetryTests : WizardTestContext
{
    private readonly List<Activity> _spans = [];
    private readonly List<Metric> _metrics = [];

    public TelemetryTests() => Services.AddIcaKmsInstrumentation()
        .WithTracing(tracing => tracing.AddInMemoryExporter(_spans))
        .WithMetrics(metrics => metrics.AddInMemoryExporter(_metrics));

    [Fact]
    public async Task AnInspectionAndAnApply_AreSpansAndCounters()
    {
        (TracerProvider tracer, MeterProvider meter) = Providers();
        Assert.Null(await ConnectAsync());
        OnDispatcher(() =>
        {
            State.SetBucketName(SampleAccount.Bucket);
            State.SetKeyArn(SampleAccount.KeyArn);
            State.SetKeyPrefix("ica/");
        });

        await Inspection.InspectAsync();
        await AwsApply.PlanAsync(PlanScope.Bucket);
        await AwsApply.ApplyAsync(PlanScope.Bucket);
        tracer.ForceFlush();
        meter.ForceFlush();

        Activity inspect = _spans.First(s => s.OperationName == "icakms.inspect");
        Assert.Equal(SampleAccount.Bucket, inspect.GetTagItem("aws.s3.bucket"));
        Assert.Equal("us-east-1", inspect.GetTagItem("aws.region"));
        Activity apply = Assert.Single(_spans, s => s.OperationName == "icakms.apply");
        Assert.Equal("Bucket", apply.GetTagItem("icakms.scope"));
        Assert.Equal(true, apply.GetTagItem("icakms.succeeded"));
        Assert.True(Sum("icakms.inspections") >= 1);
        Assert.Equal(1, Sum("icakms.applies", ("action", "s3:PutObject"), ("outcome", "Done")));
    }

    [Fact]
    public async Task RefusedCredentials_CountAsAnAwsError_ByCode()
    {
        (_, MeterProvider meter) = Providers();

        Assert.NotNull(await ConnectAsync("ASIABADKEY0000000001"));
        meter.ForceFlush();

        Assert.Equal(1, Sum("icakms.aws.errors", ("error.code", "InvalidClientTokenId"), ("aws.action", "sts:GetCallerIdentity")));
    }

    [Fact]
    public void CircuitsOpen_GoesUpAndDown()
    {
        (_, MeterProvider meter) = Providers();
        var telemetry = Services.GetRequiredService<IcaKmsTelemetry>();

        telemetry.CircuitOpened(1);
        telemetry.CircuitOpened(1);
        telemetry.CircuitOpened(-1);
        meter.ForceFlush();

        Assert.Equal(1, Sum("icakms.circuits.open"));
    }

    [Fact]
    public void WithoutAnOtlpEndpoint_OpenTelemetryIsNotRegistered_AndWithOneItIs()
    {
        var off = new ServiceCollection().AddPortalTelemetry(new ConfigurationBuilder().Build());
        var on = new ServiceCollection().AddPortalTelemetry(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [PortalTelemetry.EndpointKey] = "http://127.0.0.1:4317" }).Build());

        Assert.DoesNotContain(off, d => d.ServiceType == typeof(TracerProvider) || d.ServiceType == typeof(MeterProvider));
        Assert.Contains(on, d => d.ServiceType == typeof(TracerProvider));
        Assert.Contains(on, d => d.ServiceType == typeof(MeterProvider));
    }

    // Outside a host nothing starts the providers: asking for them does.
    private (TracerProvider Tracer, MeterProvider Meter) Providers() =>
        (Services.GetRequiredService<TracerProvider>(), Services.GetRequiredService<MeterProvider>());

    private long Sum(string name, params (string Key, string Value)[] tags)
    {
        long total = 0;
        foreach (Metric metric in _metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly MetricPoint point in metric.GetMetricPoints())
            {
                var pointTags = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (KeyValuePair<string, object?> tag in point.Tags)
                {
                    pointTags[tag.Key] = tag.Value;
                }

                if (tags.All(t => Equals(pointTags.GetValueOrDefault(t.Key), t.Value)))
                {
                    total += metric.MetricType is MetricType.LongSumNonMonotonic or MetricType.LongSum ? point.GetSumLong() : 0;
                }
            }
        }

        return total;
    }
}
