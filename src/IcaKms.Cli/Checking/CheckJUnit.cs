using System.Text;
using System.Xml;
using System.Xml.Linq;
using IcaKms.Core;
using IcaKms.Core.Checks;

namespace IcaKms.Cli.Checking;

/// <summary>
/// The CI report of a check run (<c>--output junit</c>): JUnit XML as CI systems show test reports. One test suite per
/// setup, one test case per check: a failed check is a failure, a check not made is skipped, a warning passes with
/// its finding in <c>system-out</c>, and a setup that could not be checked is one test case in error.
/// </summary>
internal static class CheckJUnit
{
    public static string Write(CheckRun run)
    {
        var suites = new XElement(
            "testsuites",
            new XAttribute("name", "icakms check"),
            Counts(run.Setups.Select(s => s), run.Elapsed));
        foreach (SetupReport report in run.Setups)
        {
            suites.Add(Suite(report));
        }

        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), suites);
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            document.Save(writer);
        }

        return text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }

    private static XElement Suite(SetupReport report)
    {
        string label = report.Setup.Label;
        var suite = new XElement(
            "testsuite",
            new XAttribute("name", label),
            Counts([report], report.Elapsed),
            new XElement(
                "properties",
                Property("region", report.Setup.Inputs.AwsRegion.Trim()),
                Property("bucket", report.Setup.Inputs.BucketName.Trim()),
                Property("keyArn", report.Setup.Inputs.KeyArn.Trim())));
        if (report.Problem is not null)
        {
            suite.Add(new XElement(
                "testcase",
                new XAttribute("classname", $"icakms.{label}"),
                new XAttribute("name", "setup"),
                new XElement("error", new XAttribute("message", report.Problem), new XAttribute("type", "could-not-run"), report.Problem)));
        }

        foreach (SetupCheck check in report.Checks)
        {
            var testCase = new XElement(
                "testcase",
                new XAttribute("classname", $"icakms.{label}"),
                new XAttribute("name", $"{check.Id}: {check.Title}"));
            switch (check.State)
            {
                case CheckState.Fail:
                    testCase.Add(new XElement("failure", new XAttribute("message", check.Finding), new XAttribute("type", "fail"), Detail(check)));
                    break;
                case CheckState.NotChecked:
                    testCase.Add(new XElement("skipped", new XAttribute("message", check.Finding)));
                    break;
                case CheckState.Warning:
                    testCase.Add(new XElement("system-out", "warning: " + Detail(check)));
                    break;
            }

            suite.Add(testCase);
        }

        return suite;
    }

    private static string Detail(SetupCheck check) => check.Fix.Length == 0 ? check.Finding : $"{check.Finding}\nFix: {check.Fix}";

    private static XElement Property(string name, string value) => new("property", new XAttribute("name", name), new XAttribute("value", value));

    private static object[] Counts(IEnumerable<SetupReport> reports, TimeSpan elapsed)
    {
        SetupReport[] all = [.. reports];
        int problems = all.Count(r => r.Problem is not null);
        return
        [
            new XAttribute("tests", all.Sum(r => r.Checks.Count) + problems),
            new XAttribute("failures", all.Sum(r => r.Checks.Count(c => c.State == CheckState.Fail))),
            new XAttribute("errors", problems),
            new XAttribute("skipped", all.Sum(r => r.Checks.Count(c => c.State == CheckState.NotChecked))),
            new XAttribute("time", CheckJson.Invariant(elapsed.TotalSeconds)),
        ];
    }
}
