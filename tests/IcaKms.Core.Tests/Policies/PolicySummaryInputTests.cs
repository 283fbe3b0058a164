using System.Text;
using IcaKms.Core.Policies;
using IcaKms.Core.Tests.Spec;
using static IcaKms.Core.Tests.Policies.TestPolicies;

namespace IcaKms.Core.Tests.Policies;

/// <summary>Text that is not a policy: the check explains why, never throws, and leaves every other part empty.</summary>
public class PolicySummaryInputTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n\t  ")]
    public void Check_ReportsEmpty_NoText(string? text) =>
        AssertNotAPolicy(PolicySummaryCheck.Check(text, PolicyVariant.Unversioned), "The policy is empty");

    [Theory]
    [InlineData("hello", "not valid JSON (line 1, position 1)")]
    [InlineData("[]", "The JSON is an array, not an IAM policy")]
    [InlineData("\"policy\"", "The JSON is a string, not an IAM policy")]
    [InlineData("{}", "The JSON has no \"Statement\"")]
    [InlineData("""{"statement": []}""", "(it has \"statement\": element names are case-sensitive)")]
    [InlineData("""{"Statement": 3}""", "\"Statement\" is a number; it must be a statement object or an array of them.")]
    [InlineData("""{"Statement": []}""", "The policy has no statements")]
    [InlineData("""{"Statement": ["s3:GetObject"]}""", "Statement 1 is a string, not a statement object.")]
    [InlineData("""{"Statement": [{"Action": "s3:GetObject", "Resource": "*"}]}""", "Statement 1 has no \"Effect\".")]
    [InlineData("""{"Statement": [{"Effect": "Permit", "Action": "s3:GetObject", "Resource": "*"}]}""", "\"Effect\" must be \"Allow\" or \"Deny\"")]
    [InlineData("""{"Statement": [{"Effect": "Allow", "Resource": "*"}]}""", "Statement 1 has no \"Action\".")]
    [InlineData("""{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject"}]}""", "Statement 1 has no \"Resource\".")]
    [InlineData("""{"Statement": [{"Effect": "Allow", "Action": 5, "Resource": "*"}]}""", "\"Action\" must be a string or an array of strings, not a number.")]
    [InlineData("""{"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", null], "Resource": "*"}]}""", "\"Action\" must be a string or an array of strings")]
    [InlineData("""{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "NotAction": "s3:PutObject", "Resource": "*"}]}""", "has both \"Action\" and \"NotAction\"")]
    [InlineData("""{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",}]}""", "trailing comma at the end, which JSON does not allow")]
    [InlineData("""{"Statement": [/* all */ {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}""", "not valid JSON")]
    [InlineData("""{"Statement": [{"Effect": "Allow"} {"Effect": "Deny"}]}""", "not valid JSON")]
    public void Check_ExplainsWhyNotAPolicy_NonPolicyText(string text, string expected) =>
        AssertNotAPolicy(PolicySummaryCheck.Check(text, PolicyVariant.Unversioned), expected);

    [Fact]
    public void Check_ReportsInvalidJsonWithLine_TruncatedSpecPolicy()
    {
        string truncated = SpecDocuments.UnversionedPolicy[..(SpecDocuments.UnversionedPolicy.Length / 2)];

        AssertNotAPolicy(PolicySummaryCheck.Check(truncated, PolicyVariant.Unversioned), "The text is not valid JSON (line ");
    }

    [Fact]
    public void Check_NeverThrows_EveryTruncationOfSpecPolicy()
    {
        string json = SpecDocuments.VersionedPolicy;

        for (int length = 0; length < json.Length; length++)
        {
            PolicySummary summary = PolicySummaryCheck.Check(json[..length], PolicyVariant.Versioned);
            Assert.NotNull(summary.InputProblem);
        }
    }

    [Fact]
    public void Check_NeverThrows_RandomByteCorruptions()
    {
        byte[] original = Encoding.UTF8.GetBytes(SpecPolicy(PolicyVariant.Versioned));
        var random = new Random(20260101);
        int readable = 0;

        for (int i = 0; i < 2_000; i++)
        {
            byte[] bytes = (byte[])original.Clone();
            for (int j = random.Next(1, 4); j > 0; j--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            PolicySummary summary = PolicySummaryCheck.Check(bytes, PolicyVariant.Versioned, Bucket, Key);
            Assert.True(summary.InputProblem is not null || summary.StatementCount > 0);
            readable += summary.InputProblem is null ? 1 : 0;
        }

        Assert.InRange(readable, 1, 1_999);
    }

    [Fact]
    public void Check_ReportsNotUtf8WithPosition_InvalidBytes()
    {
        byte[] bytes = [.. "{\"Statement\": \""u8, 0xC3, 0x28, .. "\"}"u8];

        AssertNotAPolicy(PolicySummaryCheck.Check(bytes, PolicyVariant.Unversioned), "not UTF-8 text (invalid byte 0xC3 at position 15)");
    }

    [Fact]
    public void Check_ReportsNotUtf8_FileEndingInsideMultiByteCharacter()
    {
        byte[] bytes = [.. "{}"u8, 0xE2, 0x82];

        AssertNotAPolicy(PolicySummaryCheck.Check(bytes, PolicyVariant.Unversioned), "not UTF-8 text (invalid byte 0xE2 at position 2)");
    }

    [Fact]
    public void Check_ReportsUtf16_Utf16File()
    {
        byte[] bytes = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(SpecPolicy())];

        AssertNotAPolicy(PolicySummaryCheck.Check(bytes, PolicyVariant.Unversioned), "UTF-16");
    }

    [Fact]
    public void Check_ReadsUtf8File_WithByteOrderMark()
    {
        byte[] bytes = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(SpecPolicy())];

        PolicySummary summary = PolicySummaryCheck.Check(bytes, PolicyVariant.Unversioned, Bucket, Key);

        Assert.Equal(CheckState.Pass, summary.Verdict);
        Assert.Equal(3, summary.StatementCount);
    }

    [Fact]
    public void Check_ReportsEmpty_EmptyFile() =>
        AssertNotAPolicy(PolicySummaryCheck.Check(ReadOnlySpan<byte>.Empty, PolicyVariant.Unversioned), "The policy is empty");

    [Fact]
    public void Check_ReportsUnpairedSurrogate_BrokenUtf16String() =>
        AssertNotAPolicy(PolicySummaryCheck.Check("{\"Statement\": \"\uD800\"}", PolicyVariant.Unversioned), "not valid Unicode");

    [Fact]
    public void Check_ReportsTooLarge_OneMegabyteOfText() =>
        AssertNotAPolicy(PolicySummaryCheck.Check(new string('a', 1 << 20), PolicyVariant.Unversioned), "too large to be an IAM policy (1,048,576 characters");

    [Fact]
    public void Check_ReportsTooLarge_OneMegabyteValidPolicy()
    {
        string json = Edit(s => TestPolicies.Set(s, 1, "Resource", $"\"{BucketArn}/{new string('x', 1 << 20)}/*\""));

        AssertNotAPolicy(PolicySummaryCheck.Check(json, PolicyVariant.Unversioned), "too large to be an IAM policy");
    }

    [Fact]
    public void Check_ReportsTooLarge_ThreeMegabyteFile() =>
        AssertNotAPolicy(PolicySummaryCheck.Check(new byte[3 << 20], PolicyVariant.Unversioned), "too large to be an IAM policy (3,145,728 bytes");

    [Fact]
    public void Check_ReportsNesting_TenThousandLevels()
    {
        string text = new string('[', 10_000) + new string(']', 10_000);

        AssertNotAPolicy(PolicySummaryCheck.Check(text, PolicyVariant.Unversioned), "nested 10,000 levels deep");
    }

    [Fact]
    public void Check_ReportsNesting_DeepConditionInsidePolicy()
    {
        string deep = new string('[', 200) + new string(']', 200);
        string json = Policy("""{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"Bool": {"x": """ + deep + "}}}");

        AssertNotAPolicy(PolicySummaryCheck.Check(json, PolicyVariant.Unversioned), "nested 205 levels deep");
    }

    [Fact]
    public void Check_ReportsTooLarge_TenTimesTheIamLimit()
    {
        string json = Edit(s => TestPolicies.Set(s, 1, "Resource", $"\"{BucketArn}/{new string('x', 61_440)}/*\""));

        AssertNotAPolicy(PolicySummaryCheck.Check(json, PolicyVariant.Unversioned), "characters without whitespace; IAM allows 6,144");
    }

    [Fact]
    public void Check_AnalysesLargestAcceptedPolicy_ThousandsOfActionsAndResources()
    {
        // Every action a different wildcard service, every resource its own ARN: the worst case for grouping.
        string actions = string.Join(",", Enumerable.Range(0, 1_400).Select(i => $"\"s{i}*:Get\""));
        string resources = string.Join(",", Enumerable.Range(0, 1_400).Select(i => $"\"arn:aws:s{i}:::bucket-{i}\""));
        string json = Policy($$"""{"Effect": "Allow", "Action": [{{actions}}], "Resource": [{{resources}}]}""");

        PolicySummary summary = PolicySummaryCheck.Check(json, PolicyVariant.Unversioned);

        Assert.Null(summary.InputProblem);
        Assert.Equal(1_400, summary.Services.Count);
        Assert.Contains("arn:aws:s1399:::bucket-1399", summary.Services[1_399].Resources);
        Assert.Contains(summary.Findings, f => f.Kind == PolicyFindingKind.SizeLimit);
        Assert.True(summary.DifferencesFromSpec.Count <= SpecComparison.MaxLines + 1);
    }

    private static void AssertNotAPolicy(PolicySummary summary, string expected)
    {
        Assert.NotNull(summary.InputProblem);
        Assert.Contains(expected, summary.InputProblem, StringComparison.Ordinal);
        Assert.Equal(CheckState.Fail, summary.Verdict);
        Assert.Equal(0, summary.StatementCount);
        Assert.Equal(0, summary.CharacterCount);
        Assert.Empty(summary.Services);
        Assert.Empty(summary.RequiredActions);
        Assert.Empty(summary.MisplacedActions);
        Assert.Empty(summary.ExtraActions);
        Assert.Empty(summary.Findings);
        Assert.Empty(summary.DifferencesFromSpec);
    }
}
