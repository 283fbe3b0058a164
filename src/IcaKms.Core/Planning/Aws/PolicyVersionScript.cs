using IcaKms.Core.Shell;

namespace IcaKms.Core.Planning;

/// <summary>
/// The bash that makes a document the default version of an existing managed policy, run again safely: nothing when
/// the default version already is that document (compared with <c>jq -S</c>, so key order does not count); else, when
/// the policy has IAM's five versions, the oldest non-default one is deleted first, then the new version is added as
/// the default. Shared by the policy's two handlers (create when missing, add a version when it exists).
/// </summary>
internal static class PolicyVersionScript
{
    /// <summary>The variable the document is kept in.</summary>
    public const string DocumentVariable = "POLICY_DOCUMENT";

    /// <summary>The permissions the lines need.</summary>
    public static IReadOnlyList<string> Permissions { get; } =
        ["iam:GetPolicy", "iam:GetPolicyVersion", "iam:ListPolicyVersions", "iam:DeletePolicyVersion", "iam:CreatePolicyVersion"];

    /// <summary>The lines, for the policy named by <paramref name="policyArn"/> and the document in <see cref="DocumentVariable"/>.</summary>
    public static IReadOnlyList<string> Lines(string region, CliArn policyArn)
    {
        string defaultVersion = new BashCommandLine("iam", "get-policy", region)
            .Option("--policy-arn", policyArn).Option("--query", "Policy.DefaultVersionId").Option("--output", "text").CapturedIn(CliArn.Captured("DEFAULT_VERSION"));
        string current = new BashCommandLine("iam", "get-policy-version", region)
            .Option("--policy-arn", policyArn).Raw("--version-id \"$DEFAULT_VERSION\"").Option("--query", "PolicyVersion.Document").Option("--output", "json").ToString();
        string count = new BashCommandLine("iam", "list-policy-versions", region)
            .Option("--policy-arn", policyArn).Option("--query", "length(Versions)").Option("--output", "text").ToString();
        string oldest = new BashCommandLine("iam", "list-policy-versions", region)
            .Option("--policy-arn", policyArn).Option("--query", "sort_by(Versions[?!IsDefaultVersion], &CreateDate)[0].VersionId").Option("--output", "text")
            .CapturedIn(CliArn.Captured("OLDEST_VERSION"));
        string delete = new BashCommandLine("iam", "delete-policy-version", region)
            .Option("--policy-arn", policyArn).Raw("--version-id \"$OLDEST_VERSION\"").ToString();
        string add = new BashCommandLine("iam", "create-policy-version", region)
            .Option("--policy-arn", policyArn).Raw($"--policy-document \"${DocumentVariable}\"").Flag("--set-as-default").ToString();
        string same = $"[ \"$({current} | jq -S .)\" = \"$(jq -S . <<<\"${DocumentVariable}\")\" ]";
        return
        [
            defaultVersion,
            BashBlock.If(
                same,
                [BashBlock.Say("The policy's default version already is the IAM policy of step 2: no version added.")],
                [
                    $"if [ \"$({count})\" -ge {PolicyVersionPlan.MaxVersions} ]; then",
                    "  " + oldest,
                    "  " + delete,
                    "fi",
                    add,
                ]),
        ];
    }
}
