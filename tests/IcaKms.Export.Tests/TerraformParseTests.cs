using System.Text.Json.Nodes;
using IcaKms.Core.Export;
using IcaKms.Core.Policies;
using IcaKms.TestKit;

namespace IcaKms.Export.Tests;

/// <summary>
/// Every exported Terraform file parses with HashiCorp's HCL parser, and the configuration describes the same resources
/// and documents as the CloudFormation template (both evaluated with their defaults), which are the wizard's documents.
/// </summary>
public class TerraformParseTests(ParsedSamples samples) : IClassFixture<ParsedSamples>
{
    public static TheoryData<string> Cases => [.. ExportSamples.Names];

    [Theory]
    [MemberData(nameof(Cases))]
    public void TerraformFiles_ParseWithHashiCorpsParser_ForEachCase(string name)
    {
        // The fixture parsed them (it throws, naming the file and the parser's message, when one does not parse).
        Assert.Equal(["data", "provider", "resource", "terraform"], samples.Parsed(name, ExportFiles.MainTf).Select(b => b.Key).Where(k => k != "import").Order(StringComparer.Ordinal));
        Assert.Equal(["variable"], samples.Parsed(name, ExportFiles.VariablesTf).Select(b => b.Key));
        Assert.Equal(["output"], samples.Parsed(name, ExportFiles.OutputsTf).Select(b => b.Key));
    }

    [Fact]
    public async Task HclParser_RefusesAFileWithABrokenBlock()
    {
        using var files = new ExportedFiles(ExportSamples.Subject("offline-new-key"));
        File.WriteAllText(files[ExportFiles.MainTf], File.ReadAllText(files[ExportFiles.MainTf]).Replace("  POLICY\n}", "  POLICY\n", StringComparison.Ordinal));

        HclParseException refused = await Assert.ThrowsAsync<HclParseException>(() => HclParser.ParseAsync(files[ExportFiles.MainTf]));

        Assert.Contains("main.tf", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Terraform_DescribesTheSameResourcesAndDocuments_AsCloudFormation(string name)
    {
        ExportedFiles files = samples.Files(name);
        ExportSubject subject = files.Subject;
        JsonObject main = samples.Parsed(name, ExportFiles.MainTf);
        JsonObject variables = samples.Parsed(name, ExportFiles.VariablesTf)["variable"]!.AsObject();
        JsonObject resources = main["resource"]!.AsObject();
        JsonObject template = JsonNode.Parse(File.ReadAllText(files[ExportFiles.CloudFormationTemplate]))!.AsObject();
        JsonObject cfn = template["Resources"]!.AsObject();
        string keyArn = subject.ExistingKeyArn ?? ExportResolver.CreatedKeyArn;
        string Tf(JsonNode? value) => ExportResolver.Terraform(value!.GetValue<string>(), variables, keyArn, resources);
        JsonNode? Cf(JsonNode? value) => ExportResolver.CloudFormation(value, template, keyArn);
        JsonNode? Resource(string type) => resources[type]?["ica"]?[0];

        // The same kinds of resources.
        Assert.Equal(CloudFormationTypes(resources), cfn.Select(r => r.Value!["Type"]!.GetValue<string>()).ToHashSet());
        Assert.Equal(subject.HasPrefix, resources["aws_s3_object"]?["prefix_folder"] is not null);
        Assert.Equal(subject.HasPrefix, template["Outputs"]!.AsObject().ContainsKey("PrefixFolderCommand"));

        // The names a team changes.
        Assert.Equal(Tf(Resource("aws_s3_bucket")!["bucket"]), Cf(cfn["Bucket"]!["Properties"]!["BucketName"])!.GetValue<string>());
        Assert.Equal(Tf(Resource("aws_iam_user")!["name"]), Cf(cfn["IcaUser"]!["Properties"]!["UserName"])!.GetValue<string>());
        Assert.Equal(Tf(Resource("aws_iam_policy")!["name"]), Cf(cfn["IcaPolicy"]!["Properties"]!["ManagedPolicyName"])!.GetValue<string>());

        // A created key: the same kind and description, under the same alias; an existing one is only referenced.
        if (Resource("aws_kms_key") is { } tfKey)
        {
            JsonNode cfKey = cfn["KmsKey"]!["Properties"]!;
            Assert.Null(cfn["KmsKey"]!["DeletionPolicy"]);
            Assert.Equal(tfKey["key_usage"]!.GetValue<string>(), cfKey["KeyUsage"]!.GetValue<string>());
            Assert.Equal(tfKey["customer_master_key_spec"]!.GetValue<string>(), cfKey["KeySpec"]!.GetValue<string>());
            Assert.Equal(tfKey["description"]?.GetValue<string>(), cfKey["Description"]?.GetValue<string>());
        }

        Assert.Equal(resources.ContainsKey("aws_kms_alias"), cfn.ContainsKey("KmsAlias"));
        if (Resource("aws_kms_alias") is { } tfAlias)
        {
            Assert.Equal(Tf(tfAlias["name"]), Cf(cfn["KmsAlias"]!["Properties"]!["AliasName"])!.GetValue<string>());
            Assert.Equal("${aws_kms_key.ica.key_id}", tfAlias["target_key_id"]!.GetValue<string>());
            AssertJson(JsonNode.Parse("""{"Ref":"KmsKey"}""")!, cfn["KmsAlias"]!["Properties"]!["TargetKeyId"]!);
        }

        // The policy attached to the user, and only to it.
        JsonNode attachment = Resource("aws_iam_user_policy_attachment")!;
        Assert.Equal(Tf(Resource("aws_iam_user")!["name"]), Tf(attachment["user"]));
        Assert.Equal($"arn:aws:iam::{ExportResolver.Account}:policy/{Tf(Resource("aws_iam_policy")!["name"])}", Tf(attachment["policy_arn"]));
        AssertJson(new JsonArray(Tf(Resource("aws_iam_user")!["name"])), Cf(cfn["IcaPolicy"]!["Properties"]!["Users"])!);

        // The prefix folder: Terraform's object and the template's output command write the same key the same way.
        if (resources["aws_s3_object"]?["prefix_folder"]?[0] is { } folder)
        {
            string[] command = Cf(template["Outputs"]!["PrefixFolderCommand"]!["Value"])!.GetValue<string>().Split(' ');
            string Option(string name) => command[Array.IndexOf(command, name) + 1];
            Assert.Equal(Tf(folder["bucket"]), Option("--bucket"));
            Assert.Equal(Tf(folder["key"]), Option("--key"));
            Assert.Equal(Tf(folder["server_side_encryption"]), Option("--server-side-encryption"));
            Assert.Equal(Tf(folder["kms_key_id"]), Option("--ssekms-key-id"));
            Assert.Equal(keyArn, Option("--ssekms-key-id"));
            Assert.True(folder["bucket_key_enabled"]!.GetValue<bool>());
            Assert.Contains("--bucket-key-enabled", command);
        }

        // The IAM policy: the wizard's document on both sides.
        JsonNode expectedPolicy = JsonNode.Parse(PolicyJson.Serialize(IcaIamPolicy.Create(subject.BucketName, keyArn, subject.Variant, subject.ScopeObjectsToPrefix ? subject.KeyPrefix : null)))!;
        AssertJson(expectedPolicy, JsonNode.Parse(Tf(Resource("aws_iam_policy")!["policy"]))!);
        AssertJson(expectedPolicy, Cf(cfn["IcaPolicy"]!["Properties"]!["PolicyDocument"])!);

        // The key policy: the same whole document, the merged one when the key exists.
        JsonNode? tfKeyPolicy = (Resource("aws_kms_key") ?? Resource("aws_kms_key_policy"))?["policy"];
        JsonNode? cfKeyPolicy = cfn["KmsKey"]?["Properties"]?["KeyPolicy"];
        Assert.Equal(tfKeyPolicy is null, cfKeyPolicy is null);
        if (tfKeyPolicy is not null)
        {
            JsonNode tfDocument = JsonNode.Parse(Tf(tfKeyPolicy))!;
            AssertJson(tfDocument, JsonNode.Parse(Cf(cfKeyPolicy)!.GetValue<string>())!);
            if (subject.MergedKeyPolicy is { } merged)
            {
                AssertJson(JsonNode.Parse(merged)!, tfDocument);
            }
        }

        // Default encryption, ownership and public access block.
        JsonNode tfRule = Resource("aws_s3_bucket_server_side_encryption_configuration")!["rule"]![0]!;
        JsonNode cfRule = Cf(cfn["Bucket"]!["Properties"]!["BucketEncryption"]!["ServerSideEncryptionConfiguration"]![0])!;
        Assert.Equal(keyArn, Tf(tfRule["apply_server_side_encryption_by_default"]![0]!["kms_master_key_id"]));
        Assert.Equal(keyArn, cfRule["ServerSideEncryptionByDefault"]!["KMSMasterKeyID"]!.GetValue<string>());
        Assert.Equal("aws:kms", tfRule["apply_server_side_encryption_by_default"]![0]!["sse_algorithm"]!.GetValue<string>());
        Assert.Equal("aws:kms", cfRule["ServerSideEncryptionByDefault"]!["SSEAlgorithm"]!.GetValue<string>());
        Assert.True(tfRule["bucket_key_enabled"]!.GetValue<bool>());
        Assert.True(cfRule["BucketKeyEnabled"]!.GetValue<bool>());
        AssertJson(tfRule["blocked_encryption_types"] ?? new JsonArray(), cfRule["BlockedEncryptionTypes"]?["EncryptionType"] ?? new JsonArray());
        Assert.Equal("BucketOwnerEnforced", Resource("aws_s3_bucket_ownership_controls")!["rule"]![0]!["object_ownership"]!.GetValue<string>());
        Assert.Equal("BucketOwnerEnforced", cfn["Bucket"]!["Properties"]!["OwnershipControls"]!["Rules"]![0]!["ObjectOwnership"]!.GetValue<string>());
        Assert.All(["block_public_acls", "ignore_public_acls", "block_public_policy", "restrict_public_buckets"], s => Assert.True(Resource("aws_s3_bucket_public_access_block")![s]!.GetValue<bool>()));
        Assert.All(cfn["Bucket"]!["Properties"]!["PublicAccessBlockConfiguration"]!.AsObject(), s => Assert.True(s.Value!.GetValue<bool>()));

        // What exists: imported by Terraform, retained (and listed for the IMPORT change set) by CloudFormation.
        HashSet<string> imported = [.. (main["import"]?.AsArray() ?? []).Select(i => i!["to"]!.GetValue<string>()[2..^1].Split('.')[0]).Select(CloudFormationType).OfType<string>()];
        HashSet<string> retained = [.. cfn.Where(r => r.Value!["DeletionPolicy"] is not null).Select(r => r.Value!["Type"]!.GetValue<string>())];
        Assert.Equal(imported, retained);

        // The values for ICA's form: the same outputs with the same values (the region is the one deployed in; a
        // CloudFormation output cannot be empty, so the template says "(none)" where Terraform gives "").
        JsonObject tfOutputs = samples.Parsed(name, ExportFiles.OutputsTf)["output"]!.AsObject();
        JsonObject cfOutputs = template["Outputs"]!.AsObject();
        Assert.Equal(keyArn, Tf(tfOutputs["kms_key_arn"]![0]!["value"]));
        Assert.Equal("aws:kms", Tf(tfOutputs["server_side_encryption_algorithm"]![0]!["value"]));
        Assert.Equal(
            tfOutputs.Select(o => PascalCase(o.Key)).Order(StringComparer.Ordinal),
            cfOutputs.Select(o => o.Key).Where(k => k != "PrefixFolderCommand").Order(StringComparer.Ordinal));
        Assert.Equal(subject.AwsRegion, Tf(tfOutputs["region"]![0]!["value"]));
        AssertJson(JsonNode.Parse("""{"Ref":"AWS::Region"}""")!, cfOutputs["Region"]!["Value"]!);
        foreach ((string output, JsonNode? tfOutput) in tfOutputs.Where(o => o.Key != "region"))
        {
            string cfValue = Cf(cfOutputs[PascalCase(output)]!["Value"])!.GetValue<string>();
            Assert.Equal(Tf(tfOutput![0]!["value"]), cfValue == "(none)" ? string.Empty : cfValue);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TerraformImports_NameWhatCloudFormationImports(string name)
    {
        ExportedFiles files = samples.Files(name);
        JsonObject main = samples.Parsed(name, ExportFiles.MainTf);
        (string Type, string Id)[] imports =
            [.. (main["import"]?.AsArray() ?? []).Select(i => (i!["to"]!.GetValue<string>()[2..^1].Split('.')[0], i["id"]!.GetValue<string>()))];

        // The attachment's id is "user/policy ARN" (CloudFormation holds it in the policy's Users): both must be imported.
        HashSet<(string, string)> terraform =
        [
            .. imports.Where(i => i.Type != "aws_iam_user_policy_attachment" && CloudFormationType(i.Type) is not null).Select(i => (CloudFormationType(i.Type)!, i.Id)),
        ];
        foreach ((_, string id) in imports.Where(i => i.Type == "aws_iam_user_policy_attachment"))
        {
            string[] userAndPolicy = id.Split('/', 2);
            Assert.Contains(("AWS::IAM::User", userAndPolicy[0]), terraform);
            Assert.Contains(("AWS::IAM::ManagedPolicy", userAndPolicy[1]), terraform);
        }

        string importsFile = files[ExportFiles.CloudFormationImports];
        HashSet<(string, string)> cloudFormation = File.Exists(importsFile)
            ? [.. JsonNode.Parse(File.ReadAllText(importsFile))!.AsArray().Select(r => (r!["ResourceType"]!.GetValue<string>(), r["ResourceIdentifier"]!.AsObject().Single().Value!.GetValue<string>()))]
            : [];

        Assert.Equal(terraform.Order(), cloudFormation.Order());
        Assert.Equal(name == "connected", terraform.Count > 0);
    }

    private static string PascalCase(string snakeCase) =>
        string.Concat(snakeCase.Split('_').Select(word => char.ToUpperInvariant(word[0]) + word[1..]));

    private static HashSet<string> CloudFormationTypes(JsonObject resources) =>
        [.. resources.Select(r => CloudFormationType(r.Key)).OfType<string>()];

    // The CloudFormation resource that holds what a Terraform resource describes (null: none, the prefix folder).
    private static string? CloudFormationType(string terraformType) => terraformType switch
    {
        "aws_kms_key" or "aws_kms_key_policy" => "AWS::KMS::Key",
        "aws_kms_alias" => "AWS::KMS::Alias",
        "aws_s3_bucket" or "aws_s3_bucket_server_side_encryption_configuration" or "aws_s3_bucket_ownership_controls" or "aws_s3_bucket_public_access_block" => "AWS::S3::Bucket",
        "aws_iam_user" => "AWS::IAM::User",
        "aws_iam_policy" or "aws_iam_user_policy_attachment" => "AWS::IAM::ManagedPolicy",
        "aws_s3_object" => null,
        _ => throw new InvalidOperationException($"The test does not map {terraformType}."),
    };

    private static void AssertJson(JsonNode expected, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"Expected:\n{expected.ToJsonString()}\nActual:\n{actual.ToJsonString()}");
}
