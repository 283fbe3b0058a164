using IcaKms.Core.Policies;
using IcaKms.Core.Shell;
using IcaKms.Core.KeyPolicies;

namespace IcaKms.Core.Planning;

/// <summary>
/// The key-policy merge as bash, done by <c>jq</c> as IcaKms does it (<see cref="KeyPolicyMerge"/>): every other
/// statement kept as it is, the spec's statement replaced where its Sid is, else added; stops where IcaKms refuses (an
/// AWS managed key, a result over KMS's 32 KB); written only when it differs, and without
/// <c>--bypass-policy-lockout-safety-check</c>, so KMS's own lockout check stays on.
/// </summary>
internal static class KeyPolicyScript
{
    // One jq program: .Statement may be one object or a list; the statement with the spec's Sid is replaced in place.
    private const string MergeProgram =
        ".Statement |= ((if type == \"array\" then . elif . == null then [] else [.] end) as $all"
        + " | if any($all[]; .Sid == $statement.Sid) then [$all[] | if .Sid == $statement.Sid then $statement else . end] else $all + [$statement] end)";

    /// <summary>The permissions the lines need.</summary>
    public static IReadOnlyList<string> Permissions { get; } = ["kms:DescribeKey", "kms:GetKeyPolicy", "kms:PutKeyPolicy"];

    /// <summary>The lines that merge the cross-account statement for <paramref name="roleArn"/> into the key's policy.</summary>
    public static string Merge(string region, CliArn key, string roleArn)
    {
        string statement = BashCommandLine.Json(CrossAccountKeyStatement.Create(roleArn));
        string manager = new BashCommandLine("kms", "describe-key", region).Option("--key-id", key).Option("--query", "KeyMetadata.KeyManager").Option("--output", "text").ToString();
        string read = new BashCommandLine("kms", "get-key-policy", region)
            .Option("--key-id", key).Option("--policy-name", "default").Option("--query", "Policy").Option("--output", "text")
            .CapturedIn(CliArn.Captured("KEY_POLICY"));
        string put = new BashCommandLine("kms", "put-key-policy", region)
            .Option("--key-id", key).Option("--policy-name", "default").Raw("--policy \"$KEY_POLICY_MERGED\"").ToString();
        return string.Join('\n',
        [
            BashBlock.Assign("KEY_STATEMENT", statement),
            read,
            $"KEY_POLICY_MERGED=$(jq -c --argjson statement \"$KEY_STATEMENT\" {BashQuoting.Quote(MergeProgram)} <<<\"$KEY_POLICY\")",
            BashBlock.Chain(
                [
                    ($"[ \"$({manager})\" != CUSTOMER ]",
                        [BashBlock.Refuse("The key is AWS managed: its key policy cannot be changed. Use a customer managed key.")]),
                    ("[ \"$(jq -S . <<<\"$KEY_POLICY\")\" = \"$(jq -S . <<<\"$KEY_POLICY_MERGED\")\" ]",
                        [BashBlock.Say($"The key policy already has the statement \"{CrossAccountKeyStatement.Sid}\" as the spec gives it: not written again.")]),
                    ($"[ \"$(printf '%s' \"$KEY_POLICY_MERGED\" | wc -c)\" -gt {KeyPolicyMerge.MaxPolicyBytes} ]",
                        [BashBlock.Refuse($"The merged key policy would be over KMS's limit of {KeyPolicyMerge.MaxPolicyBytes} bytes: remove or shorten statements the key no longer needs, then run this again.")]),
                ],
                [put]),
        ]);
    }

    /// <summary>The lines that write a whole key policy document (a restore), unless the key already has it.</summary>
    public static string Put(string region, CliArn key, string policy)
    {
        string read = new BashCommandLine("kms", "get-key-policy", region)
            .Option("--key-id", key).Option("--policy-name", "default").Option("--query", "Policy").Option("--output", "text").ToString();
        string put = new BashCommandLine("kms", "put-key-policy", region)
            .Option("--key-id", key).Option("--policy-name", "default").Raw("--policy \"$KEY_POLICY_RESTORED\"").ToString();
        return string.Join('\n',
        [
            BashBlock.Assign("KEY_POLICY_RESTORED", policy),
            BashBlock.If(
                $"[ \"$({read} | jq -S .)\" = \"$(jq -S . <<<\"$KEY_POLICY_RESTORED\")\" ]",
                [BashBlock.Say("The key already has that policy: not written again.")],
                [put]),
        ]);
    }
}
