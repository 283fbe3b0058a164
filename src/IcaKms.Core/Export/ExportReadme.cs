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
            ]);
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
}
