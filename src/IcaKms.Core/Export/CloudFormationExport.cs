using System.Text.Json;
using System.Text.Json.Nodes;
using IcaKms.Core.Ica;
using IcaKms.Core.Policies;

namespace IcaKms.Core.Export;

/// <summary>
/// The setup as a CloudFormation template (JSON): the same resources and documents as <see cref="TerraformExport"/>,
/// with Parameters for what a team changes and Outputs for ICA's form. CloudFormation has no resource for an S3
/// object, so the prefix folder is an Output command to run once. What already exists carries
/// <c>DeletionPolicy: Retain</c> and is listed by <see cref="ResourcesToImport"/> for an IMPORT change set.
/// </summary>
public static class CloudFormationExport
{
    /// <summary>The logical ids of the template's resources.</summary>
    public static class Ids
    {
        /// <summary>The KMS key.</summary>
        public const string Key = "KmsKey";

        /// <summary>The KMS key's alias.</summary>
        public const string Alias = "KmsAlias";

        /// <summary>The bucket.</summary>
        public const string Bucket = "Bucket";

        /// <summary>ICA's IAM user.</summary>
        public const string User = "IcaUser";

        /// <summary>The managed policy (attached to the user by its Users property).</summary>
        public const string Policy = "IcaPolicy";
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 2, NewLine = "\n", Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>How the documents name the export's values inside <c>Fn::Sub</c>.</summary>
    public static ExportReference References { get; } =
        new("BucketName", "KeyPrefix", "KmsKeyArnValue", "arn:aws:iam::${AWS::AccountId}:root", "CrossAccountRoleArn");

    /// <summary>The template's text.</summary>
    public static string Template(ExportSubject subject) => TemplateNode(subject).ToJsonString(Indented) + "\n";

    /// <summary>The template as a JSON tree.</summary>
    public static JsonObject TemplateNode(ExportSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var resources = new JsonObject();
        bool keyResource = subject.CreatesKey || subject.MergedKeyPolicy is not null;
        JsonNode KeyArn() => keyResource ? GetAtt(Ids.Key, "Arn") : Ref("KmsKeyArn");
        if (keyResource)
        {
            string policy = subject.CreatesKey
                ? References.Fill(ExportDocuments.CreatedKeyPolicy(subject), EscapeSub)
                : EscapeSub(subject.MergedKeyPolicy!);
            var key = new JsonObject
            {
                // KeyPolicy as the exact text KMS stores (the spec's, or the merged policy IcaKms would send with PutKeyPolicy).
                ["KeyPolicy"] = new JsonObject { ["Fn::Sub"] = policy },
                ["KeyUsage"] = "ENCRYPT_DECRYPT",
                ["KeySpec"] = "SYMMETRIC_DEFAULT",
            };
            if (subject.CreatesKey)
            {
                key["Description"] = subject.KeyDescription;
            }

            resources[Ids.Key] = Resource("AWS::KMS::Key", key, !subject.CreatesKey, subject.CreatesKey ? null : subject.KeyPolicyNote + " This is the WHOLE key policy.");
            if (subject.CreatesKey)
            {
                resources[Ids.Alias] = Resource("AWS::KMS::Alias", new JsonObject { ["AliasName"] = Ref("KmsAliasName"), ["TargetKeyId"] = Ref(Ids.Key) }, false);
            }
        }

        var rule = new JsonObject
        {
            ["ServerSideEncryptionByDefault"] = new JsonObject { ["SSEAlgorithm"] = IcaStorageConfiguration.Algorithm, ["KMSMasterKeyID"] = KeyArn() },
            ["BucketKeyEnabled"] = true,
        };
        if (subject.BlockedEncryptionTypes.Count > 0)
        {
            rule["BlockedEncryptionTypes"] = new JsonObject { ["EncryptionType"] = new JsonArray([.. subject.BlockedEncryptionTypes.Select(t => (JsonNode)t)]) };
        }

        resources[Ids.Bucket] = Resource("AWS::S3::Bucket", new JsonObject
        {
            ["BucketName"] = Ref("BucketName"),
            ["BucketEncryption"] = new JsonObject { ["ServerSideEncryptionConfiguration"] = new JsonArray(rule) },
            ["OwnershipControls"] = new JsonObject { ["Rules"] = new JsonArray(new JsonObject { ["ObjectOwnership"] = "BucketOwnerEnforced" }) },
            ["PublicAccessBlockConfiguration"] = new JsonObject
            {
                ["BlockPublicAcls"] = true,
                ["IgnorePublicAcls"] = true,
                ["BlockPublicPolicy"] = true,
                ["RestrictPublicBuckets"] = true,
            },
        }, subject.BucketExists);
        resources[Ids.User] = Resource("AWS::IAM::User", new JsonObject { ["UserName"] = Ref("IamUserName") }, subject.UserExists);
        resources[Ids.Policy] = Resource("AWS::IAM::ManagedPolicy", new JsonObject
        {
            ["ManagedPolicyName"] = Ref("IamPolicyName"),
            ["PolicyDocument"] = PolicyDocument(ExportDocuments.IamPolicy(subject), KeyArn),
            ["Users"] = new JsonArray(Ref(Ids.User)),
        }, subject.ExistingPolicyArn is not null);

        return new JsonObject
        {
            ["AWSTemplateFormatVersion"] = "2010-09-09",
            ["Description"] = Description(subject),
            ["Metadata"] = new JsonObject { ["IcaKms"] = new JsonObject { ["Notes"] = new JsonArray([.. Notes(subject).Select(n => (JsonNode)n)]) } },
            ["Parameters"] = CloudFormationParameters.Parameters(subject),
            ["Resources"] = resources,
            ["Outputs"] = CloudFormationParameters.Outputs(subject, KeyArn()),
        };
    }

    /// <summary>
    /// The <c>--resources-to-import</c> list of an IMPORT change set for what already exists (empty when nothing does),
    /// as text.
    /// </summary>
    public static string ResourcesToImport(ExportSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var list = new JsonArray();
        if (!subject.CreatesKey && subject.MergedKeyPolicy is not null)
        {
            list.Add(Import("AWS::KMS::Key", Ids.Key, "KeyId", subject.ExistingKeyArn![(subject.ExistingKeyArn!.LastIndexOf('/') + 1)..]));
        }

        if (subject.BucketExists)
        {
            list.Add(Import("AWS::S3::Bucket", Ids.Bucket, "BucketName", subject.BucketName));
        }

        if (subject.UserExists)
        {
            list.Add(Import("AWS::IAM::User", Ids.User, "UserName", subject.IamUserName));
        }

        if (subject.ExistingPolicyArn is { } arn)
        {
            list.Add(Import("AWS::IAM::ManagedPolicy", Ids.Policy, "PolicyArn", arn));
        }

        return list.ToJsonString(Indented) + "\n";
    }

    private static string Description(ExportSubject subject) =>
        $"IcaKms: S3 bucket with SSE-KMS for ICA (Illumina Connected Analytics), ICA's help page \"SSE-KMS Encryption\"; deploy in {subject.AwsRegion}. " +
        $"IAM policy: {(subject.Variant == PolicyVariant.Versioned ? "versioned/suspended" : "unversioned")} variant." +
        (subject.HasPrefix ? " After the deploy, create the prefix folder with the PrefixFolderCommand output." : string.Empty);

    private static IEnumerable<string> Notes(ExportSubject subject)
    {
        yield return subject.FromLiveState
            ? subject.ImportsAnything
                ? "Made from the wizard's inputs and the live state IcaKms inspected: resources with DeletionPolicy Retain exist and are imported first (see the README), not created again."
                : "Made from the wizard's inputs and the live state IcaKms inspected: none of these resources exists yet, so every one is created."
            : "Made from the wizard's inputs alone (no AWS session): every resource is created, except a key given by its ARN (the KmsKeyArn parameter).";
        if (subject.KeyPolicyNote is { } note)
        {
            yield return note;
        }

        foreach (string n in subject.Notes)
        {
            yield return n;
        }
    }

    // A policy as a JSON object whose strings with a value of the export's are Fn::Sub (the key ARN as a variable of the Sub).
    private static JsonNode PolicyDocument(string json, Func<JsonNode> keyArn)
    {
        JsonNode document = JsonNode.Parse(json)!;
        return Substitute(document, keyArn)!;
    }

    private static JsonNode? Substitute(JsonNode? node, Func<JsonNode> keyArn)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (string name in o.Select(p => p.Key).ToList())
                {
                    o[name] = Substitute(o[name]?.DeepClone(), keyArn);
                }

                return o;
            case JsonArray a:
                for (int i = 0; i < a.Count; i++)
                {
                    a[i] = Substitute(a[i]?.DeepClone(), keyArn);
                }

                return a;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is { } text && ExportReference.HasMarker(text):
                string filled = References.Fill(text, EscapeSub);
                return text == ExportDocuments.KeyMarker
                    ? keyArn()
                    : new JsonObject { ["Fn::Sub"] = filled };
            default:
                return node;
        }
    }

    /// <summary>Keeps a literal <c>${</c> literal inside <c>Fn::Sub</c> (CloudFormation's escape is <c>${!</c>).</summary>
    private static string EscapeSub(string text) => text.Replace("${", "${!", StringComparison.Ordinal);

    private static JsonObject Resource(string type, JsonObject properties, bool exists, string? comment = null)
    {
        var resource = new JsonObject { ["Type"] = type };
        if (exists)
        {
            // An imported resource must say what a stack deletion does with it: it existed before the stack, so it stays.
            resource["DeletionPolicy"] = "Retain";
            resource["UpdateReplacePolicy"] = "Retain";
        }

        if (comment is not null)
        {
            resource["Metadata"] = new JsonObject { ["Comment"] = comment };
        }

        resource["Properties"] = properties;
        return resource;
    }

    private static JsonObject Import(string type, string logicalId, string idName, string idValue) => new()
    {
        ["ResourceType"] = type,
        ["LogicalResourceId"] = logicalId,
        ["ResourceIdentifier"] = new JsonObject { [idName] = idValue },
    };

    internal static JsonObject Ref(string name) => new() { ["Ref"] = name };

    internal static JsonObject GetAtt(string id, string attribute) => new() { ["Fn::GetAtt"] = new JsonArray(id, attribute) };
}
