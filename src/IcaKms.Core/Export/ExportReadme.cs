namespace IcaKms.Core.Export;

/// <summary>The short READMEs beside the Terraform configuration and the CloudFormation template: how to run them.</summary>
public static class ExportReadme
{
    /// <summary>The README of the <c>terraform/</c> folder.</summary>
    public static string Terraform(ExportSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        List<string> lines =
        [
            "# ICA's SSE-KMS bucket as Terraform",
            "",
            "`main.tf`, `variables.tf` and `outputs.tf` describe the setup of ICA's help page \"SSE-KMS Encryption\":",
            subject.CreatesKey ? "a new customer managed KMS key with its alias," : "the existing KMS key (read by its ARN, not managed),",
            "the bucket with SSE-KMS by the key's ARN and Bucket Key on, Object Ownership \"bucket owner enforced\",",
            "Block Public Access, " + (subject.HasPrefix ? $"the prefix folder `{subject.KeyPrefix}`, " : string.Empty) +
            "ICA's IAM user and the spec's IAM policy attached to it.",
            "",
            "## Run",
            "",
            "```sh",
            "cd terraform",
            "terraform init      # Terraform 1.5 or newer; the AWS provider 5.x or newer",
            "terraform plan      # read it: nothing is written yet",
            "terraform apply",
            "terraform output    # the values for ICA's storage configuration form",
            "```",
            "",
            $"Credentials for the account come from the usual AWS provider chain (`AWS_PROFILE`, the environment). The region is `{subject.AwsRegion}`",
            "(variable `region`); the other variables default to the wizard's values: override them with `-var` or a `.tfvars` file.",
            "",
        ];
        if (subject.ImportsAnything || subject.MergedKeyPolicy is not null)
        {
            lines.AddRange(
            [
                "## What exists already",
                "",
                "The `import` blocks bring what exists into Terraform's state on the first `terraform apply` (Terraform 1.5+):",
                "nothing is created again. `terraform plan` shows what would change on them: read it before applying.",
                "",
                .. TerraformImports(subject),
                "",
            ]);
        }

        if (!subject.CreatesKey)
        {
            lines.AddRange(["## The existing key", "", .. ExistingKey(subject, "read by its ARN (`data \"aws_kms_key\"`), never imported: Terraform does not manage the key itself, so no `terraform destroy` can schedule its deletion.", "`aws_kms_key_policy.ica`, imported"), ""]);
        }

        if (subject.KeyPolicyNote is { } note)
        {
            lines.AddRange(["## Key policy", "", note, ""]);
        }

        lines.AddRange(
        [
            "## Afterwards",
            "",
            $"- Create an access key for the IAM user `{subject.IamUserName}` in the IAM console (not in Terraform: its secret would be kept",
            "  in the state) and give it to ICA as the storage credential.",
            "- In ICA, create the storage configuration with `terraform output`: bucket, key prefix, algorithm `aws:kms`, Key Name = the key ARN.",
        ]);
        return string.Join("\n", lines) + "\n";
    }

    /// <summary>The README beside <c>cloudformation.json</c>.</summary>
    public static string CloudFormation(ExportSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        const string stack = "ica-sse-kms";
        List<string> lines =
        [
            "# ICA's SSE-KMS bucket as CloudFormation",
            "",
            "`cloudformation.json` describes the same setup as the Terraform files: "
                + (subject.CreatesKey ? "a new KMS key and its alias, " : "the existing KMS key, ")
                + "the bucket with SSE-KMS by the key's ARN and Bucket Key on, ownership, Block Public Access, ICA's IAM user and the spec's IAM policy attached to it.",
            "",
        ];
        if (subject.ImportsAnything)
        {
            lines.AddRange(
            [
                "## First: import what exists",
                "",
                "Some resources exist already (they carry `DeletionPolicy: Retain`). CloudFormation imports them in a change set of their own,",
                "with `cloudformation-resources-to-import.json`, before the stack may create the rest:",
                "",
                "```sh",
                $"aws cloudformation create-change-set --region {subject.AwsRegion} --stack-name {stack} --change-set-name import \\",
                "  --change-set-type IMPORT --template-body file://cloudformation.json \\",
                "  --resources-to-import file://cloudformation-resources-to-import.json --capabilities CAPABILITY_NAMED_IAM",
                $"aws cloudformation execute-change-set --region {subject.AwsRegion} --stack-name {stack} --change-set-name import",
                "```",
                "",
                "CloudFormation refuses an import whose template also creates resources: if it does, import with a copy of the template that",
                "holds only the retained resources, then deploy the whole template as below.",
                "",
                "Imported (deleting the stack leaves each in place):",
                "",
                .. CloudFormationImports(subject),
                "",
                "An import takes the resources as they are; the deploy below then gives them the template's settings (SSE-KMS by the key's",
                "ARN, Bucket Key, ownership, Block Public Access, the spec's IAM policy).",
                "",
            ]);
        }

        if (!subject.CreatesKey)
        {
            string how = subject.MergedKeyPolicy is not null
                ? "imported as `KmsKey` with `DeletionPolicy: Retain` only so the stack manages its policy: the stack never deletes it or schedules its deletion."
                : "the parameter `KmsKeyArn`, not a resource of the stack: the stack never changes or deletes it.";
            lines.AddRange(["## The existing key", "", .. ExistingKey(subject, how, "`KmsKey`'s `KeyPolicy`"), ""]);
        }

        lines.AddRange(
        [
            "## Deploy",
            "",
            "```sh",
            $"aws cloudformation deploy --region {subject.AwsRegion} --stack-name {stack} \\",
            "  --template-file cloudformation.json --capabilities CAPABILITY_NAMED_IAM",
            $"aws cloudformation describe-stacks --region {subject.AwsRegion} --stack-name {stack} --query 'Stacks[0].Outputs'",
            "```",
            "",
            "The parameters default to the wizard's values: override them with `--parameter-overrides Name=value`.",
            "Deploying again without changes changes nothing.",
            "",
        ]);
        if (subject.HasPrefix)
        {
            lines.AddRange(
            [
                "## The prefix folder",
                "",
                "CloudFormation has no resource for an S3 object: run the `PrefixFolderCommand` output once after the deploy. It writes",
                $"`{subject.KeyPrefix}` with SSE-KMS by the key.",
                "",
            ]);
        }

        if (subject.KeyPolicyNote is { } note)
        {
            lines.AddRange(["## Key policy", "", note, ""]);
        }

        lines.AddRange(
        [
            "## Afterwards",
            "",
            $"Create an access key for the IAM user `{subject.IamUserName}` in the IAM console and give it to ICA as the storage credential;",
            "then create ICA's storage configuration with the Outputs: bucket, key prefix, algorithm `aws:kms`, Key Name = the key ARN.",
        ]);
        return string.Join("\n", lines) + "\n";
    }

    // What the import blocks bring in, with their addresses (the same conditions as TerraformExport's import blocks).
    private static IEnumerable<string> TerraformImports(ExportSubject subject)
    {
        if (!subject.CreatesKey && subject.MergedKeyPolicy is not null)
        {
            yield return "- the key's policy (`aws_kms_key_policy.ica`): replaced by the whole merged policy (see Key policy);";
        }

        if (subject.BucketExists)
        {
            string[] settings =
            [
                .. subject.EncryptionExists ? ["default encryption (`aws_s3_bucket_server_side_encryption_configuration.ica`)"] : Array.Empty<string>(),
                .. subject.OwnershipExists ? ["Object Ownership (`aws_s3_bucket_ownership_controls.ica`)"] : Array.Empty<string>(),
                .. subject.PublicAccessBlockExists ? ["Block Public Access (`aws_s3_bucket_public_access_block.ica`)"] : Array.Empty<string>(),
            ];
            yield return $"- the bucket `{subject.BucketName}` (`aws_s3_bucket.ica`)"
                + (settings.Length > 0 ? $" with its {string.Join(" and ", settings)}: they become what ICA needs;" : ";");
        }

        if (subject.HasPrefix && subject.PrefixExists)
        {
            yield return $"- the prefix folder `{subject.KeyPrefix}` (`aws_s3_object.prefix_folder`);";
        }

        if (subject.UserExists)
        {
            yield return $"- the IAM user `{subject.IamUserName}` (`aws_iam_user.ica`);";
        }

        if (subject.ExistingPolicyArn is { } arn)
        {
            yield return $"- the IAM policy `{arn}` (`aws_iam_policy.ica`): its document becomes the spec's"
                + (subject.PolicyAttached ? ", and its attachment to the user (`aws_iam_user_policy_attachment.ica`);" : ";");
        }
    }

    // The resources of cloudformation-resources-to-import.json, by logical id (the same conditions as ResourcesToImport).
    private static IEnumerable<string> CloudFormationImports(ExportSubject subject)
    {
        if (!subject.CreatesKey && subject.MergedKeyPolicy is not null)
        {
            yield return "- `KmsKey`: the existing key (see The existing key);";
        }

        if (subject.BucketExists)
        {
            yield return $"- `Bucket`: the bucket `{subject.BucketName}`;";
        }

        if (subject.UserExists)
        {
            yield return $"- `IcaUser`: the IAM user `{subject.IamUserName}`;";
        }

        if (subject.ExistingPolicyArn is { } arn)
        {
            yield return $"- `IcaPolicy`: the IAM policy `{arn}` (its attachment to the user is its `Users`).";
        }
    }

    // The existing key: how the files hold it, and who writes the spec's statement into its policy.
    private static IEnumerable<string> ExistingKey(ExportSubject subject, string how, string policyHolder)
    {
        yield return $"The KMS key `{subject.ExistingKeyArn}` is {how}";
        if (subject.MergedKeyPolicy is not null)
        {
            yield return $"Its policy is managed here ({policyHolder}) as the whole document read from KMS with ICA's statement merged in.";
        }
        else if (subject.CrossAccountCopy)
        {
            yield return "Its policy is not managed here: add the spec's cross-account statement to it yourself (see Key policy).";
        }
        else
        {
            yield return "Its policy is not managed here: ICA's user gets the key through its IAM policy while the key policy lets IAM policies grant it (KMS's default statement for the account root), which IcaKms's check `key-policy-iam` verifies.";
        }
    }
}
