using System.Text.RegularExpressions;

namespace IcaKms.Core.Validation;

/// <summary>A customer managed policy ARN to check (optional), e.g. <c>arn:aws:iam::123456789012:policy/ica-sse-kms</c>.</summary>
public static partial class PolicyArnRule
{
    private const string Example = "arn:aws:iam::123456789012:policy/ica-sse-kms (IAM console → Policies → the policy → ARN)";

    /// <summary>The most characters checked: longer text is refused as too long.</summary>
    public const int MaxInputLength = InputLimits.Arn;

    /// <summary>Checks a managed policy ARN; empty is allowed.</summary>
    /// <param name="input">What the user typed.</param>
    public static FieldValidation Validate(string? input)
    {
        if (InputLimits.Check(input, MaxInputLength, "The policy ARN") is { } tooLong)
        {
            return tooLong;
        }

        string arn = (input ?? string.Empty).Trim();
        if (arn.Length == 0)
        {
            return FieldValidation.Ok(string.Empty);
        }

        if (ArnParts.Parse(arn) is { } parts && parts.NonCommercialPartitionError("policy") is string partitionError)
        {
            return FieldValidation.Fail(input!, partitionError);
        }

        return PolicyArnPattern().IsMatch(arn)
            ? FieldValidation.Ok(arn)
            : FieldValidation.Fail(input!, $"A managed policy ARN looks like {Example}.");
    }

    [GeneratedRegex(@"^arn:aws:iam::(\d{12}|aws):policy/([\w+=,.@-]+/)*[\w+=,.@-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex PolicyArnPattern();
}
