using Amazon.Runtime;

namespace IcaKms.Core.Adapters.Aws;

/// <summary>
/// The wording of a failure: built from the call's own names (action, operation, resource) and the fix; AWS's own
/// text only for errors we have no wording for, on one line, bounded and through <see cref="CredentialRedaction"/>.
/// </summary>
internal static class AwsFailureMessages
{
    private const int MaxDetailLength = 300;

    /// <summary>The SDK's wrapper texts, which tell the admin nothing.</summary>
    private static readonly string[] SdkWrapperTexts =
    [
        "See inner exception for details",
        "No further error information was returned by the service",
        "Exception of type 'Amazon.",
    ];

    internal static string AccessDeniedMessage(AwsCall call)
    {
        string operation = SameName(call.Operation, call.Action) ? "" : $" ({call.Operation})";
        string hint = Service(call.Action) switch
        {
            "kms" => " (and check the key policy allows your account)",
            "s3" => " (and check the bucket policy does not deny it)",
            _ => "",
        };
        return $"AccessDenied on {call.Action}{For(call)}{operation}: add {call.Action} to your role's policy{hint}.";
    }

    internal static string NotFoundMessage(AwsCall call)
    {
        string resource = call.Resource ?? "The resource";
        string region = call.Region is null ? "" : $" in {call.Region}";
        return Service(call.Action) switch
        {
            "s3" when call.Resource?.Contains('/', StringComparison.Ordinal) == true =>
                $"The object {resource} does not exist, or its bucket does not ({call.Operation}): check the bucket, the key and the region.",
            "s3" => $"The bucket {resource} does not exist ({call.Operation}): check the name and the region.",
            "kms" => $"The KMS key {resource} does not exist{region} ({call.Operation}): check the key ARN or alias and the region.",
            "iam" => $"The IAM entity {resource} does not exist ({call.Operation}): check the name or ARN.",
            _ => $"{resource} was not found ({call.Operation}).",
        };
    }

    internal static string OtherMessage(AmazonServiceException error, AwsCall call, string shownCode)
    {
        string status = error.StatusCode == 0 || shownCode.StartsWith("HTTP ", StringComparison.Ordinal) ? "" : $", HTTP {(int)error.StatusCode}";
        string detail = Detail(error.Message);
        return $"{call.Operation}{For(call)} failed ({shownCode}{status}){(detail.Length > 0 ? ": " + detail : ".")}";
    }

    internal static string For(AwsCall call) => call.Resource is null ? "" : $" for {call.Resource}";

    private static string Service(string action) => action.Split(':', 2)[0];

    private static bool SameName(string operation, string action) => string.Equals(operation, action, StringComparison.Ordinal);

    /// <summary>
    /// AWS's own message on one line, redacted and bounded: it helps with the rare errors we have no wording for.
    /// Empty for the SDK's wrapper texts ("See inner exception for details").
    /// </summary>
    internal static string Detail(string? message)
    {
        if (string.IsNullOrWhiteSpace(message) || SdkWrapperTexts.Any(text => message.Contains(text, StringComparison.Ordinal)))
        {
            return "";
        }

        string line = string.Join(' ', CredentialRedaction.Redact(message).Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return line.Length <= MaxDetailLength ? line : string.Concat(line.AsSpan(0, MaxDetailLength), "…");
    }
}
