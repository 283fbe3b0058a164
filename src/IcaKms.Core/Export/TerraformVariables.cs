using IcaKms.Core.Ica;

namespace IcaKms.Core.Export;

/// <summary>
/// The configuration's <c>variables.tf</c> (what a team changes, each defaulting to the wizard's value, with the rules
/// ICA and AWS set as validations) and <c>outputs.tf</c> (the values ICA's storage configuration form asks for).
/// </summary>
public static class TerraformVariables
{
    /// <summary>The text of <c>variables.tf</c>.</summary>
    public static string VariablesTf(ExportSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var hcl = new HclWriter();
        hcl.Comment("What a team changes. Each default is the wizard's value; override them in a .tfvars file or with -var.");
        Variable(hcl, "region", "The AWS region of the ICA region: the bucket, the key and the ICA project must all be in it.", subject.AwsRegion);
        Variable(hcl, "bucket_name", "The S3 bucket's name.", subject.BucketName);
        if (subject.HasPrefix)
        {
            Variable(hcl, "key_prefix", "The folder connected to ICA as its key prefix: no leading '/', ends with '/'.", subject.KeyPrefix,
                "can(regex(\"^[^/].*/$\", var.key_prefix))", "The key prefix must not start with '/' and must end with '/' (ICA's rule).");
        }

        if (subject.CreatesKey)
        {
            Variable(hcl, "kms_alias_name", "The alias of the new KMS key.", subject.KmsAliasName,
                "startswith(var.kms_alias_name, \"alias/\") && !startswith(var.kms_alias_name, \"alias/aws/\")", "A KMS alias starts with 'alias/' and never 'alias/aws/' (AWS keeps those for its own keys).");
        }
        else
        {
            Variable(hcl, "kms_key_arn", "The full ARN of the existing customer managed KMS key (never an alias).", subject.ExistingKeyArn!,
                "can(regex(\"^arn:aws:kms:[a-z0-9-]+:[0-9]{12}:key/\", var.kms_key_arn))", "Give the key's full ARN, arn:aws:kms:REGION:ACCOUNT:key/ID: an alias resolves in the caller's account.");
        }

        Variable(hcl, "iam_user_name", "The IAM user whose access key ICA holds.", subject.IamUserName);
        Variable(hcl, "iam_policy_name", "The name of the managed policy with the spec's IAM policy.", subject.IamPolicyName);
        if (subject.CreatesKey && subject.CrossAccountCopy)
        {
            Variable(hcl, "cross_account_role_arn", "ICA's cross-account copy role for the region (ICA's \"Enable Cross Account Copy\" page).", subject.CrossAccountRoleArn!);
        }

        return hcl.ToString();
    }

    /// <summary>The text of <c>outputs.tf</c>.</summary>
    public static string OutputsTf(ExportSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var hcl = new HclWriter();
        hcl.Comment("The values for ICA's storage configuration form (and its [Optional] Server Side Encryption section).");
        Output(hcl, "region", "The AWS region: choose the ICA region of it.", "var.region");
        Output(hcl, "bucket_name", "Bucket name.", $"aws_s3_bucket.{TerraformExport.Name}.bucket");
        Output(hcl, "key_prefix", "Key prefix (empty: the bucket root).", subject.HasPrefix ? "var.key_prefix" : HclWriter.Quote(string.Empty));
        Output(hcl, "server_side_encryption_algorithm", "Algorithm.", HclWriter.Quote(IcaStorageConfiguration.Algorithm));
        Output(hcl, "kms_key_arn", "Key Name: the KMS key's full ARN.", TerraformExport.KeyArnExpression(subject));
        Output(hcl, "iam_user_name", "The IAM user whose access key becomes ICA's storage credential.", $"aws_iam_user.{TerraformExport.Name}.name");
        return hcl.ToString();
    }

    private static void Variable(HclWriter hcl, string name, string description, string value, string? condition = null, string? error = null) =>
        hcl.Blank().Block($"variable \"{name}\"", v =>
        {
            v.String("description", description).Attribute("type", "string").String("default", value);
            if (condition is not null)
            {
                v.Blank().Block("validation", c => c.Attribute("condition", condition).String("error_message", error!));
            }
        });

    private static void Output(HclWriter hcl, string name, string description, string value) =>
        hcl.Blank().Block($"output \"{name}\"", o => o.String("description", description).Attribute("value", value));
}
