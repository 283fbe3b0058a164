using IcaKms.Core.Ica;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Export;

/// <summary>
/// The setup as a Terraform configuration for the AWS provider: <c>main.tf</c> (the key with its alias and policy, the
/// bucket with SSE-KMS by the key ARN and Bucket Key, ownership, public access block, the prefix folder, ICA's IAM
/// user, the spec's policy and its attachment; an <c>import</c> block beside each resource that already exists),
/// <c>variables.tf</c> (what a team changes, defaulting to the wizard's values) and <c>outputs.tf</c> (ICA's form).
/// </summary>
public static class TerraformExport
{
    /// <summary>The resource name every resource of the configuration has.</summary>
    public const string Name = "ica";

    /// <summary>The heredoc marker of the policy documents.</summary>
    public const string PolicyMarker = "POLICY";

    /// <summary>How the IAM policy and a created key's policy name the export's values.</summary>
    public static ExportReference References(ExportSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return new ExportReference(
            "var.bucket_name",
            "var.key_prefix",
            KeyArnExpression(subject),
            "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root",
            "var.cross_account_role_arn");
    }

    /// <summary>The expression of the key's ARN: the created key's, or the existing key's (read by its ARN).</summary>
    public static string KeyArnExpression(ExportSubject subject) =>
        subject.CreatesKey ? $"aws_kms_key.{Name}.arn" : $"data.aws_kms_key.{Name}.arn";

    /// <summary>The text of <c>main.tf</c>.</summary>
    public static string MainTf(ExportSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var hcl = new HclWriter();
        hcl.Comment(Header(subject));
        foreach (string note in subject.Notes)
        {
            hcl.Comment("Note: " + note);
        }

        hcl.Blank().Block("terraform", t => t
            .String("required_version", ">= 1.5.0")
            .Blank()
            .Block("required_providers", p => p.Block("aws =", a => a.String("source", "hashicorp/aws").String("version", ">= 5.0"))));
        hcl.Blank().Block("provider \"aws\"", p => p.Attribute("region", "var.region"));
        Key(hcl, subject);
        Bucket(hcl, subject);
        Iam(hcl, subject);
        return hcl.ToString();
    }

    private static string Header(ExportSubject subject)
    {
        string source = subject.FromLiveState
            ? "from the wizard's inputs and the live state IcaKms inspected: what exists is imported (the import blocks), not created again."
            : "from the wizard's inputs alone (no AWS session): every resource is created, except a key given by its ARN, which is read.";
        return $"IcaKms: an S3 bucket with SSE-KMS connected to ICA (Illumina Connected Analytics), as ICA's help page \"SSE-KMS Encryption\" asks; generated {source}\n" +
            $"The spec's IAM policy: {(subject.Variant == Policies.PolicyVariant.Versioned ? "versioned/suspended" : "unversioned")} variant. Run: terraform init, terraform plan, terraform apply (see README.md).";
    }

    private static void Key(HclWriter hcl, ExportSubject subject)
    {
        if (subject.CreatesKey)
        {
            hcl.Blank().Block("data \"aws_caller_identity\" \"current\"");
            hcl.Blank().Comment("The KMS key: symmetric, customer managed, in the ICA region. Its policy is KMS's default (the account root may use it, so IAM policies decide)" +
                (subject.CrossAccountCopy ? " with the spec's statement for ICA's cross-account copy role." : "."));
            string policy = References(subject).Fill(ExportDocuments.CreatedKeyPolicy(subject), HclWriter.EscapeTemplate);
            hcl.Block($"resource \"aws_kms_key\" \"{Name}\"", k => k
                .String("description", subject.KeyDescription)
                .String("key_usage", "ENCRYPT_DECRYPT")
                .String("customer_master_key_spec", "SYMMETRIC_DEFAULT")
                .Heredoc("policy", PolicyMarker, policy));
            hcl.Blank().Block($"resource \"aws_kms_alias\" \"{Name}\"", a => a
                .Attribute("name", "var.kms_alias_name")
                .Attribute("target_key_id", $"aws_kms_key.{Name}.key_id"));
            return;
        }

        hcl.Blank().Comment("The existing KMS key, read by its ARN: Terraform does not manage the key itself (it never schedules its deletion).");
        hcl.Block($"data \"aws_kms_key\" \"{Name}\"", k => k.Attribute("key_id", "var.kms_key_arn"));
        if (subject.MergedKeyPolicy is { } merged)
        {
            hcl.Blank().Comment(subject.KeyPolicyNote + "\nThis is the WHOLE key policy (Terraform replaces the policy with it): if the key policy changes before you apply, export again from IcaKms rather than editing this by hand.");
            Import(hcl, $"aws_kms_key_policy.{Name}", KeyId(subject.ExistingKeyArn!));
            hcl.Block($"resource \"aws_kms_key_policy\" \"{Name}\"", k => k
                .Attribute("key_id", $"data.aws_kms_key.{Name}.id")
                .Heredoc("policy", PolicyMarker, HclWriter.EscapeTemplate(merged)));
        }
        else if (subject.KeyPolicyNote is { } note)
        {
            hcl.Blank().Comment(note);
        }
    }

    private static void Bucket(HclWriter hcl, ExportSubject subject)
    {
        string bucket = $"aws_s3_bucket.{Name}.id";
        hcl.Blank().Comment("The bucket, in the ICA region.");
        ImportIf(hcl, subject.BucketExists, $"aws_s3_bucket.{Name}", subject.BucketName);
        hcl.Block($"resource \"aws_s3_bucket\" \"{Name}\"", b => b.Attribute("bucket", "var.bucket_name"));

        hcl.Blank().Comment("Default encryption SSE-KMS by the key's full ARN (never an alias: it resolves in the caller's account), Bucket Key on." +
            (subject.BlockedEncryptionTypes.Count > 0 ? " The encryption types the bucket blocks today are kept (needs an AWS provider that knows blocked_encryption_types)." : string.Empty));
        ImportIf(hcl, subject.EncryptionExists, $"aws_s3_bucket_server_side_encryption_configuration.{Name}", subject.BucketName);
        hcl.Block($"resource \"aws_s3_bucket_server_side_encryption_configuration\" \"{Name}\"", e => e
            .Attribute("bucket", bucket)
            .Blank()
            .Block("rule", r =>
            {
                r.Block("apply_server_side_encryption_by_default", d => d
                    .String("sse_algorithm", IcaStorageConfiguration.Algorithm)
                    .Attribute("kms_master_key_id", KeyArnExpression(subject)));
                r.Attribute("bucket_key_enabled", "true");
                if (subject.BlockedEncryptionTypes.Count > 0)
                {
                    r.Attribute("blocked_encryption_types", "[" + string.Join(", ", subject.BlockedEncryptionTypes.Select(HclWriter.Quote)) + "]");
                }
            }));

        hcl.Blank().Comment("Object Ownership \"bucket owner enforced\": objects ICA writes belong to the bucket owner (no 403s across accounts).");
        ImportIf(hcl, subject.OwnershipExists, $"aws_s3_bucket_ownership_controls.{Name}", subject.BucketName);
        hcl.Block($"resource \"aws_s3_bucket_ownership_controls\" \"{Name}\"", o => o
            .Attribute("bucket", bucket)
            .Blank()
            .Block("rule", r => r.String("object_ownership", "BucketOwnerEnforced")));

        hcl.Blank().Comment("Block Public Access: all four settings on.");
        ImportIf(hcl, subject.PublicAccessBlockExists, $"aws_s3_bucket_public_access_block.{Name}", subject.BucketName);
        hcl.Block($"resource \"aws_s3_bucket_public_access_block\" \"{Name}\"", p => p
            .Attribute("bucket", bucket)
            .Attribute("block_public_acls", "true")
            .Attribute("ignore_public_acls", "true")
            .Attribute("block_public_policy", "true")
            .Attribute("restrict_public_buckets", "true"));

        if (subject.HasPrefix)
        {
            hcl.Blank().Comment("The prefix folder connected to ICA as its key prefix, written with SSE-KMS by the key.");
            ImportIf(hcl, subject.PrefixExists, "aws_s3_object.prefix_folder", $"{subject.BucketName}/{subject.KeyPrefix}");
            hcl.Block("resource \"aws_s3_object\" \"prefix_folder\"", o => o
                .Attribute("bucket", bucket)
                .Attribute("key", "var.key_prefix")
                .String("content", string.Empty)
                .String("server_side_encryption", IcaStorageConfiguration.Algorithm)
                .Attribute("kms_key_id", KeyArnExpression(subject))
                .Attribute("bucket_key_enabled", "true")
                .Blank()
                .Attribute("depends_on", $"[aws_s3_bucket_server_side_encryption_configuration.{Name}]"));
        }
    }

    private static void Iam(HclWriter hcl, ExportSubject subject)
    {
        hcl.Blank().Comment("The IAM user whose access key ICA holds (create the key in the IAM console after apply: Terraform would keep its secret in the state).");
        ImportIf(hcl, subject.UserExists, $"aws_iam_user.{Name}", subject.IamUserName);
        hcl.Block($"resource \"aws_iam_user\" \"{Name}\"", u => u.Attribute("name", "var.iam_user_name"));

        hcl.Blank().Comment($"The spec's IAM policy, {(subject.Variant == Policies.PolicyVariant.Versioned ? "versioned OR suspended" : "unversioned")} bucket variant: the key ARN on the first Resource; the IAM console's Summary lists 3 services (KMS, S3, STS).");
        ImportIf(hcl, subject.ExistingPolicyArn is not null, $"aws_iam_policy.{Name}", subject.ExistingPolicyArn ?? string.Empty);
        string policy = References(subject).Fill(ExportDocuments.IamPolicy(subject), HclWriter.EscapeTemplate);
        hcl.Block($"resource \"aws_iam_policy\" \"{Name}\"", p => p
            .Attribute("name", "var.iam_policy_name")
            .Heredoc("policy", PolicyMarker, policy));

        hcl.Blank();
        ImportIf(hcl, subject.PolicyAttached && subject.ExistingPolicyArn is not null, $"aws_iam_user_policy_attachment.{Name}", $"{subject.IamUserName}/{subject.ExistingPolicyArn}");
        hcl.Block($"resource \"aws_iam_user_policy_attachment\" \"{Name}\"", a => a
            .Attribute("user", $"aws_iam_user.{Name}.name")
            .Attribute("policy_arn", $"aws_iam_policy.{Name}.arn"));
    }

    private static void ImportIf(HclWriter hcl, bool exists, string to, string id)
    {
        if (exists)
        {
            Import(hcl, to, id);
        }
    }

    private static void Import(HclWriter hcl, string to, string id) =>
        hcl.Block("import", i => i.Attribute("to", to).String("id", id)).Blank();

    /// <summary>The key id of a key ARN (<c>arn:…:key/ID</c>), which KMS's import takes.</summary>
    private static string KeyId(string keyArn) => keyArn[(keyArn.LastIndexOf('/') + 1)..];
}
