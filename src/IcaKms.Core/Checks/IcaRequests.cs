using IcaKms.Core.Policies.Evaluation;
using IcaKms.Core.Validation;

namespace IcaKms.Core.Checks;

/// <summary>
/// ICA's requests as the evaluator needs them: who makes them and which request-context keys are known, with the
/// source of each value. Every key not set here is unknown, so a condition on it makes a verdict "depends on".
/// </summary>
internal static class IcaRequests
{
    /// <summary>The session name of ICA's cross-account role is ICA's choice and never known here.</summary>
    public const string UnknownSession = "ica-session-name-not-known";

    /// <summary>The KMS operations S3 makes on the caller's behalf for SSE-KMS (so <c>kms:ViaService</c> is S3).</summary>
    private static readonly string[] ViaS3 = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext"];

    private const string GlobalKeys = "IAM User Guide, \"AWS global condition context keys\"";

    /// <summary>ICA's IAM user in the key's account (a placeholder name when none was given, so only account-wide statements can name it).</summary>
    public static RequestPrincipal User(string partition, string account, string? userName) =>
        RequestPrincipal.Parse(ArnParts.IamUser(partition, account, userName ?? "ICA-IAM-user-not-given"))!;

    /// <summary>A session of ICA's cross-account role (the session name is not known: a NotPrincipal must list the role's session ARN, which it cannot).</summary>
    public static RequestPrincipal? RoleSession(string roleArn)
    {
        if (ArnParts.Parse(roleArn) is not ArnParts role || !role.Resource.StartsWith("role/", StringComparison.Ordinal))
        {
            return null;
        }

        string name = role.Resource[(role.Resource.LastIndexOf('/') + 1)..];
        return RequestPrincipal.Parse(new ArnParts(role.Partition, "sts", string.Empty, role.Account, $"assumed-role/{name}/{UnknownSession}").ToString());
    }

    /// <summary>The context of one of ICA's requests.</summary>
    /// <param name="principal">Who makes it.</param>
    /// <param name="principalArn">The <c>aws:PrincipalArn</c>: the user ARN, or the role ARN for a role session.</param>
    /// <param name="action">The action.</param>
    /// <param name="region">The ICA region's AWS region (where the request is sent).</param>
    /// <param name="resourceAccount">The account owning the resource, when known.</param>
    /// <param name="sseKmsKeyArn">For <c>s3:PutObject</c>: the key ICA's write names in its SSE-KMS headers; null for a write without them.</param>
    public static RequestContext Context(RequestPrincipal principal, string principalArn, string action, string region, string? resourceAccount, string? sseKmsKeyArn)
    {
        var values = new Dictionary<string, ContextValue>(StringComparer.OrdinalIgnoreCase)
        {
            ["aws:PrincipalArn"] = ContextValue.Of(principalArn, GlobalKeys),
            ["aws:PrincipalAccount"] = ContextValue.Of(principal.Account, GlobalKeys),
            ["aws:PrincipalType"] = ContextValue.Of(principal.Kind == PrincipalKind.User ? "User" : "AssumedRole", GlobalKeys),
            ["aws:username"] = principal.Kind == PrincipalKind.User ? ContextValue.Of(principal.Name, GlobalKeys) : ContextValue.Absent(GlobalKeys + ": only for IAM users"),

            // AWS's SDKs and ICA's storage connection use HTTPS endpoints (decision recorded in the README).
            ["aws:SecureTransport"] = ContextValue.Of("true", "ICA calls S3 and KMS over their HTTPS endpoints"),
            ["aws:RequestedRegion"] = ContextValue.Of(region, "ICA's storage configuration names the region; bucket and key must be in it (spec)"),
        };
        if (resourceAccount is { Length: > 0 })
        {
            values["aws:ResourceAccount"] = ContextValue.Of(resourceAccount, GlobalKeys);
        }

        if (action.StartsWith("kms:", StringComparison.OrdinalIgnoreCase))
        {
            values["kms:CallerAccount"] = ContextValue.Of(principal.Account, "KMS Developer Guide, \"kms:CallerAccount\"");
            if (ViaS3.Contains(action, StringComparer.OrdinalIgnoreCase))
            {
                // With SSE-KMS, S3 calls KMS on the caller's behalf (KMS Developer Guide "kms:ViaService"; S3 User Guide "UsingKMSEncryption").
                values["kms:ViaService"] = ContextValue.Of($"s3.{region}.amazonaws.com", "S3 calls KMS for SSE-KMS (S3 User Guide, \"UsingKMSEncryption\")");
                values["aws:ViaAWSService"] = ContextValue.Of("true", GlobalKeys);
            }
        }
        else if (action.StartsWith("s3:", StringComparison.OrdinalIgnoreCase))
        {
            values["aws:ViaAWSService"] = ContextValue.Of("false", GlobalKeys);
            bool put = string.Equals(action, "s3:PutObject", StringComparison.OrdinalIgnoreCase);
            const string Headers = "S3 User Guide, \"Specifying server-side encryption with AWS KMS\"; ICA writes with its storage configuration's Algorithm aws:kms and Key Name (spec)";
            values["s3:x-amz-server-side-encryption"] = put && sseKmsKeyArn is not null ? ContextValue.Of("aws:kms", Headers) : ContextValue.Absent(Headers);
            values["s3:x-amz-server-side-encryption-aws-kms-key-id"] = put && sseKmsKeyArn is not null ? ContextValue.Of(sseKmsKeyArn, Headers) : ContextValue.Absent(Headers);
        }

        return new RequestContext(values);
    }
}
