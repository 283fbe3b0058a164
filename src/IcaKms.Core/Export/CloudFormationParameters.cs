using System.Text.Json.Nodes;
using IcaKms.Core.Ica;

namespace IcaKms.Core.Export;

/// <summary>
/// The template's Parameters (what a team changes, each defaulting to the wizard's value, with ICA's and AWS's rules as
/// patterns) and Outputs (the values ICA's storage configuration form asks for, and the prefix folder's command).
/// </summary>
public static class CloudFormationParameters
{
    /// <summary>The Parameters section.</summary>
    public static JsonObject Parameters(ExportSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var parameters = new JsonObject
        {
            ["BucketName"] = Parameter("The S3 bucket's name.", subject.BucketName),
        };
        if (subject.HasPrefix)
        {
            parameters["KeyPrefix"] = Parameter("The folder connected to ICA as its key prefix: no leading '/', ends with '/'.", subject.KeyPrefix,
                "^[^/].*/$", "The key prefix must not start with '/' and must end with '/' (ICA's rule).");
        }

        if (subject.CreatesKey)
        {
            parameters["KmsAliasName"] = Parameter("The alias of the new KMS key.", subject.KmsAliasName,
                "^alias/(?!aws/)[a-zA-Z0-9/_-]+$", "A KMS alias starts with 'alias/' and never 'alias/aws/'.");
        }
        else if (subject.MergedKeyPolicy is null)
        {
            parameters["KmsKeyArn"] = Parameter("The full ARN of the existing customer managed KMS key (never an alias).", subject.ExistingKeyArn!,
                "^arn:aws:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", "Give the key's full ARN, arn:aws:kms:REGION:ACCOUNT:key/ID: an alias resolves in the caller's account.");
        }

        parameters["IamUserName"] = Parameter("The IAM user whose access key ICA holds.", subject.IamUserName);
        parameters["IamPolicyName"] = Parameter("The name of the managed policy with the spec's IAM policy.", subject.IamPolicyName);
        if (subject.CreatesKey && subject.CrossAccountCopy)
        {
            parameters["CrossAccountRoleArn"] = Parameter("ICA's cross-account copy role for the region (ICA's \"Enable Cross Account Copy\" page).", subject.CrossAccountRoleArn!);
        }

        return parameters;
    }

    /// <summary>The Outputs section.</summary>
    /// <param name="subject">What the template describes.</param>
    /// <param name="keyArn">The key ARN's expression.</param>
    public static JsonObject Outputs(ExportSubject subject, JsonNode keyArn)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var outputs = new JsonObject
        {
            ["Region"] = Output("The AWS region: choose the ICA region of it.", CloudFormationExport.Ref("AWS::Region")),
            ["BucketName"] = Output("Bucket name.", CloudFormationExport.Ref(CloudFormationExport.Ids.Bucket)),
            ["KeyPrefix"] = Output("Key prefix (empty: the bucket root).", subject.HasPrefix ? CloudFormationExport.Ref("KeyPrefix") : JsonValue.Create("(none)")),
            ["ServerSideEncryptionAlgorithm"] = Output("Algorithm.", JsonValue.Create(IcaStorageConfiguration.Algorithm)),
            ["KmsKeyArn"] = Output("Key Name: the KMS key's full ARN.", keyArn),
            ["IamUserName"] = Output("The IAM user whose access key becomes ICA's storage credential.", CloudFormationExport.Ref(CloudFormationExport.Ids.User)),
        };
        if (subject.HasPrefix)
        {
            // CloudFormation has no resource for an S3 object: the folder is written once, after the deploy, with SSE-KMS by the key.
            string command = "aws s3api put-object --bucket ${" + CloudFormationExport.Ids.Bucket + "} --key ${KeyPrefix} --server-side-encryption aws:kms --ssekms-key-id ${KeyArn} --bucket-key-enabled";
            var sub = new JsonArray(command, new JsonObject { ["KeyArn"] = keyArn.DeepClone() });
            outputs["PrefixFolderCommand"] = Output("Run once after the deploy: creates the prefix folder with SSE-KMS by the key.", new JsonObject { ["Fn::Sub"] = sub });
        }

        return outputs;
    }

    private static JsonObject Parameter(string description, string value, string? pattern = null, string? constraint = null)
    {
        var parameter = new JsonObject { ["Type"] = "String", ["Description"] = description, ["Default"] = value };
        if (pattern is not null)
        {
            parameter["AllowedPattern"] = pattern;
            parameter["ConstraintDescription"] = constraint;
        }

        return parameter;
    }

    private static JsonObject Output(string description, JsonNode? value) => new() { ["Description"] = description, ["Value"] = value };
}
