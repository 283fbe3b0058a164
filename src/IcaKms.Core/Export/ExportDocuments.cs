using IcaKms.Core.KeyPolicies;
using IcaKms.Core.Policies;

namespace IcaKms.Core.Export;

/// <summary>
/// The policy documents of an export, made by the wizard's own builders (<see cref="IcaIamPolicy"/>,
/// <see cref="CrossAccountKeyStatement"/>) so they are the spec's JSON, with a marker wherever the value is the
/// export's to fill in (a variable or parameter, the key the export creates, the account it runs in).
/// <see cref="ExportReference"/> turns each marker into Terraform's or CloudFormation's reference.
/// </summary>
public static class ExportDocuments
{
    /// <summary>Marks the bucket name.</summary>
    public const string BucketMarker = "icakms-export-bucket-name";

    /// <summary>Marks the key prefix (the whole prefix, its trailing <c>/</c> included).</summary>
    public const string PrefixMarker = "icakms-export-key-prefix/";

    /// <summary>Marks the key's ARN.</summary>
    public const string KeyMarker = "arn:aws:kms:us-east-1:111122223333:key/icakms-export-key";

    /// <summary>Marks the account's root principal (the default key policy's statement).</summary>
    public const string RootMarker = "arn:aws:iam::111122223333:root";

    /// <summary>Marks ICA's cross-account role.</summary>
    public const string RoleMarker = "arn:aws:iam::079623148045:role/icakms-export-role";

    /// <summary>The KMS default key policy's statement Sid, as KMS writes it for a key created without a policy.</summary>
    public const string RootStatementSid = "Enable IAM User Permissions";

    /// <summary>The spec's IAM policy for the subject, with markers for the bucket, the prefix and the key.</summary>
    public static string IamPolicy(ExportSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        string? prefix = subject.ScopeObjectsToPrefix && subject.HasPrefix ? PrefixMarker : null;
        return PolicyJson.Serialize(IcaIamPolicy.Create(BucketMarker, KeyMarker, subject.Variant, prefix));
    }

    /// <summary>
    /// The policy of a key the export creates: KMS's default statement (the account root may do everything, so IAM
    /// policies decide, as for a key the wizard creates), then the spec's cross-account statement when chosen.
    /// </summary>
    public static string CreatedKeyPolicy(ExportSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        PolicyStatement root = new()
        {
            Sid = RootStatementSid,
            Effect = "Allow",
            Principal = new PolicyPrincipal(PolicyValues.One(RootMarker)),
            Action = PolicyValues.One("kms:*"),
            Resource = PolicyValues.One("*"),
        };
        PolicyStatement[] statements = subject.CrossAccountCopy ? [root, CrossAccountKeyStatement.Create(RoleMarker)] : [root];
        return PolicyJson.Serialize(new PolicyDocument { Statement = statements });
    }
}
