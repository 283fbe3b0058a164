using IcaKms.Core.Policies;
using IcaKms.Core.Policies.Evaluation;

namespace IcaKms.Core.KeyPolicies;

/// <summary>
/// The KMS key-policy statement ICA's cross-account copy needs ("Additional set up for Cross Account Copy"),
/// verbatim from the spec apart from the role ARN.
/// </summary>
public static class CrossAccountKeyStatement
{
    /// <summary>The statement id the spec gives; merges into an existing key policy match on it.</summary>
    public const string Sid = "Allow cross account access";

    /// <summary>The role placeholder the spec uses.</summary>
    public const string RolePlaceholder = "ASSUME_ROLE_ARN";

    /// <summary>The actions the statement grants, in the spec's order.</summary>
    public static IReadOnlyList<string> Actions { get; } =
        ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"];

    /// <summary>Builds the statement for ICA's cross-account role.</summary>
    /// <param name="roleArn">ICA's cross-account role ARN for the region (or <see cref="RolePlaceholder"/>).</param>
    public static PolicyStatement Create(string roleArn) => new()
    {
        Sid = Sid,
        Effect = "Allow",
        Principal = new PolicyPrincipal(PolicyValues.One(roleArn)),
        Action = PolicyValues.Many(Actions),
        Resource = PolicyValues.One("*"),
    };
}
