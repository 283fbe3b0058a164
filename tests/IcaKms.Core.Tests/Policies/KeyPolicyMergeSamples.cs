using System.Text.Json.Nodes;
using IcaKms.Core.Policies;
using IcaKms.Core.KeyPolicies;

namespace IcaKms.Core.Tests.Policies;

/// <summary>Accounts, principals and key policies for the key-policy merge tests.</summary>
internal static class KeyPolicyMergeSamples
{
    public const string Account = "111122223333";

    public const string Root = "arn:aws:iam::111122223333:root";

    public const string IcaRole = "arn:aws:iam::079623148045:role/ica_use1_crossacct";

    public const string OtherIcaRole = "arn:aws:iam::079623148045:role/ica_aps2_crossacct";

    /// <summary>The caller as STS names an assumed-role session of the role KeyAdmin.</summary>
    public const string AdminSession = "arn:aws:sts::111122223333:assumed-role/KeyAdmin/alice@example.com";

    public const string AdminRole = "arn:aws:iam::111122223333:role/KeyAdmin";

    public const string AdminRoleWithPath = "arn:aws:iam::111122223333:role/admins/KeyAdmin";

    public const string OtherRole = "arn:aws:iam::111122223333:role/KeyAdminReadOnly";

    public const string User = "arn:aws:iam::111122223333:user/ops/bob";

    /// <summary>The default key policy as KMS GetKeyPolicy returns it (its own pretty-printing).</summary>
    public const string DefaultPolicy = """
        {
          "Version" : "2012-10-17",
          "Id" : "key-default-1",
          "Statement" : [ {
            "Sid" : "Enable IAM User Permissions",
            "Effect" : "Allow",
            "Principal" : {
              "AWS" : "arn:aws:iam::111122223333:root"
            },
            "Action" : "kms:*",
            "Resource" : "*"
          } ]
        }
        """;

    /// <summary>The spec's statement for <paramref name="role"/>, as JSON text.</summary>
    public static string SpecStatement(string role = IcaRole) => PolicyJson.Serialize(CrossAccountKeyStatement.Create(role));

    /// <summary>A key policy of the given statements (JSON objects, comma-separated).</summary>
    public static string Policy(params string[] statements) =>
        "{\"Version\": \"2012-10-17\", \"Statement\": [" + string.Join(", ", statements) + "]}";

    /// <summary>The default key policy's statement for the account root.</summary>
    public const string RootStatement =
        """{"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}""";

    public static KeyPolicyMergeResult Merge(string policy, string caller = AdminSession, string role = IcaRole, string? keyManager = "CUSTOMER") =>
        KeyPolicyMerge.Merge(new KeyPolicyMergeRequest(policy, role, caller) { KeyManager = keyManager });

    /// <summary>The statements of a policy text.</summary>
    public static JsonArray Statements(string policy) => JsonNode.Parse(policy)!["Statement"]!.AsArray();
}
