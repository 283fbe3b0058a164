using System.Buffers;
using System.Globalization;
using System.Text.Unicode;

namespace IcaKms.Core.Policies;

/// <summary>
/// The summary check of the spec's "Create AWS IAM policy" step ("there should be 3 permissions listed in the
/// Summary"), over any IAM policy text, generated here or pasted by a user. It never throws: text that is not a
/// policy yields a summary with <see cref="PolicySummary.InputProblem"/> set.
/// </summary>
public static class PolicySummaryCheck
{
    /// <summary>
    /// The longest text analysed, in characters. IAM's limit is <see cref="PolicySummary.CharacterLimit"/>
    /// (whitespace excluded), so anything this long is not an IAM policy; the cap bounds the work per request.
    /// </summary>
    public const int MaxInputLength = 512 * 1024;

    /// <summary>
    /// The largest policy analysed, in characters as IAM counts them: ten times IAM's limit. Between the limit and
    /// this a policy gets a size finding; beyond it the text is reported as too large, which bounds the analysis.
    /// </summary>
    public const int MaxAnalysedCharacters = 10 * PolicySummary.CharacterLimit;

    /// <summary>Checks policy text against the spec's policy for a variant.</summary>
    /// <param name="policyJson">The policy JSON as pasted; null or blank is reported as empty.</param>
    /// <param name="variant">Unversioned, or versioned/suspended.</param>
    /// <param name="bucketName">
    /// The bucket the policy is for; when given, the resources must name it. Null, blank or the spec's
    /// <c>BUCKET_NAME</c> mean "not known": the spec's placeholder is then accepted.
    /// </param>
    /// <param name="keyArn">
    /// The KMS key ARN the policy is for; when given, the resources must name it and may not keep a placeholder.
    /// Null, blank or the spec's <c>arn:aws:kms:xxx</c> mean "not known".
    /// </param>
    public static PolicySummary Check(string? policyJson, PolicyVariant variant, string? bucketName = null, string? keyArn = null)
    {
        if (string.IsNullOrWhiteSpace(policyJson))
        {
            return PolicySummary.NotAPolicy(variant, "The policy is empty: paste or upload the IAM policy JSON.");
        }

        string text = policyJson[0] == '\uFEFF' ? policyJson[1..] : policyJson;
        if (text.Length > MaxInputLength)
        {
            return PolicySummary.NotAPolicy(variant, TooLarge(text.Length, "characters"));
        }

        PolicyText measured = PolicyText.Measure(text);
        if (measured.HasUnpairedSurrogate)
        {
            return PolicySummary.NotAPolicy(variant, "The text is not valid Unicode: it holds half of a surrogate pair.");
        }

        if (measured.CharacterCount > MaxAnalysedCharacters)
        {
            return PolicySummary.NotAPolicy(variant, TooLarge(measured.CharacterCount, "characters without whitespace"));
        }

        if (measured.MaxDepth > PolicyReader.MaxDepth)
        {
            return PolicySummary.NotAPolicy(variant, Format(
                $"The JSON is nested {measured.MaxDepth:N0} levels deep; an IAM policy needs about 5, so it is not a policy (more than {PolicyReader.MaxDepth} are not read)."));
        }

        ParsedPolicy? policy = PolicyReader.Read(text, out string? problem);
        return policy is null
            ? PolicySummary.NotAPolicy(variant, problem!)
            : Summarize(policy, measured.CharacterCount, variant, Known(bucketName, IcaIamPolicy.BucketPlaceholder), Known(keyArn, IcaIamPolicy.KeyPlaceholder));
    }

    /// <summary>Checks an uploaded file: its bytes must be UTF-8 (a UTF-8 byte order mark is fine).</summary>
    /// <param name="utf8Bytes">The file's bytes.</param>
    /// <param name="variant">Unversioned, or versioned/suspended.</param>
    /// <param name="bucketName">As for <see cref="Check(string?, PolicyVariant, string?, string?)"/>.</param>
    /// <param name="keyArn">As for <see cref="Check(string?, PolicyVariant, string?, string?)"/>.</param>
    public static PolicySummary Check(ReadOnlySpan<byte> utf8Bytes, PolicyVariant variant, string? bucketName = null, string? keyArn = null)
    {
        ReadOnlySpan<byte> bytes = utf8Bytes.StartsWith("\uFEFF"u8) ? utf8Bytes[3..] : utf8Bytes;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return PolicySummary.NotAPolicy(variant, "The file is UTF-16 text, not UTF-8: save it as UTF-8 and upload it again.");
        }

        // UTF-8 needs at most 3 bytes per UTF-16 character, so more bytes than this means too many characters.
        if (bytes.Length > 3L * MaxInputLength)
        {
            return PolicySummary.NotAPolicy(variant, TooLarge(bytes.Length, "bytes"));
        }

        char[] chars = ArrayPool<char>.Shared.Rent(Math.Max(1, bytes.Length));
        try
        {
            OperationStatus status = Utf8.ToUtf16(bytes, chars, out int read, out int written, replaceInvalidSequences: false);
            return status == OperationStatus.Done
                ? Check(new string(chars, 0, written), variant, bucketName, keyArn)
                : PolicySummary.NotAPolicy(variant, Format(
                    $"The file is not UTF-8 text (invalid byte 0x{(read < bytes.Length ? bytes[read] : 0):X2} at position {read:N0}): save it as UTF-8 and upload it again."));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static PolicySummary Summarize(ParsedPolicy policy, int characterCount, PolicyVariant variant, string? bucketName, string? keyArn)
    {
        IReadOnlyList<ServiceSummary> services = ServiceSummary.Group(policy);
        ActionAnalysis actions = ActionAnalysis.Analyse(policy, variant);
        List<PolicyFinding> findings =
        [
            .. StructureAnalysis.Analyse(policy, services, characterCount, variant),
            .. actions.Findings,
            .. ResourceAnalysis.Analyse(policy, bucketName, keyArn),
        ];

        return new PolicySummary
        {
            Variant = variant,
            StatementCount = policy.Statements.Count,
            Services = services,
            RequiredActions = actions.Required,
            MisplacedActions = actions.Misplaced,
            ExtraActions = actions.Extra,
            CharacterCount = characterCount,
            Findings = [.. findings.OrderByDescending(f => f.Severity)],
            DifferencesFromSpec = SpecComparison.Compare(policy, variant, bucketName, keyArn),
        };
    }

    /// <summary>A name the caller knows, or null for blank input and for the spec's own placeholder.</summary>
    private static string? Known(string? value, string placeholder) =>
        string.IsNullOrWhiteSpace(value) || string.Equals(value.Trim(), placeholder, StringComparison.OrdinalIgnoreCase) ? null : value.Trim();

    private static string TooLarge(long length, string unit) => Format(
        $"The text is too large to be an IAM policy ({length:N0} {unit}; IAM allows {PolicySummary.CharacterLimit:N0} without whitespace), so it is not analysed.");

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
