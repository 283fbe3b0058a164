using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using IcaKms.Core;
using IcaKms.Core.Checks;

namespace IcaKms.Cli.Checking;

/// <summary>
/// The machine report of a check run (<c>--output json</c>); its shape is docs/cli-check.schema.json, versioned by
/// <see cref="Schema"/>.
/// </summary>
internal static class CheckJson
{
    /// <summary>The value of the report's <c>schema</c> property; a change of shape gets a new one.</summary>
    public const string Schema = "icakms-check/1";

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // The report is read by programs, not put in a page: keep ARNs' characters as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(CheckRun run)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Options))
        {
            json.WriteStartObject();
            json.WriteString("schema", Schema);
            json.WriteNumber("exitCode", run.ExitCode);
            json.WriteString("principal", run.Principal);
            json.WriteNumber("elapsedSeconds", Seconds(run.Elapsed));
            json.WriteStartObject("summary");
            json.WriteNumber("pass", run.Count(SetupVerdict.Pass));
            json.WriteNumber("warning", run.Count(SetupVerdict.Warning));
            json.WriteNumber("fail", run.Count(SetupVerdict.Fail));
            json.WriteNumber("couldNotRun", run.Count(SetupVerdict.CouldNotRun));
            json.WriteEndObject();
            json.WriteStartArray("setups");
            foreach (SetupReport report in run.Setups)
            {
                WriteSetup(json, report);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteSetup(Utf8JsonWriter json, SetupReport report)
    {
        json.WriteStartObject();
        json.WriteString("name", report.Setup.Label);
        json.WriteString("region", report.Setup.Inputs.AwsRegion.Trim());
        json.WriteString("bucket", report.Setup.Inputs.BucketName.Trim());
        json.WriteString("keyArn", report.Setup.Inputs.KeyArn.Trim());
        json.WriteString("prefix", report.Setup.Inputs.KeyPrefix.Trim());
        json.WriteString("verdict", Verdict(report.Verdict));
        json.WriteString("problem", report.Problem);
        json.WriteNumber("elapsedSeconds", Seconds(report.Elapsed));
        json.WriteStartArray("checks");
        foreach (SetupCheck check in report.Checks)
        {
            json.WriteStartObject();
            json.WriteString("id", check.Id);
            json.WriteString("step", check.Step.ToString());
            json.WriteString("title", check.Title);
            json.WriteString("state", State(check.State));
            json.WriteString("finding", check.Finding);
            json.WriteString("fix", check.Fix);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static double Seconds(TimeSpan elapsed) => Math.Round(elapsed.TotalSeconds, 3);

    public static string Verdict(SetupVerdict verdict) => verdict switch
    {
        SetupVerdict.Pass => "pass",
        SetupVerdict.Warning => "warning",
        SetupVerdict.Fail => "fail",
        _ => "could-not-run",
    };

    public static string State(CheckState state) => state switch
    {
        CheckState.Pass => "pass",
        CheckState.Warning => "warning",
        CheckState.Fail => "fail",
        _ => "not-checked",
    };

    internal static string Invariant(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
