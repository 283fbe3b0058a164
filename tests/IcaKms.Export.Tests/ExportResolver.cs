using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IcaKms.Export.Tests;

/// <summary>
/// Evaluates the few expressions the exports use, with the variables' and parameters' defaults, so a Terraform value
/// and a CloudFormation value can be compared as the values AWS would receive. The key's ARN and the account of a key
/// not created yet are the tokens <see cref="CreatedKeyArn"/> and <see cref="Account"/> on both sides.
/// </summary>
internal static partial class ExportResolver
{
    public const string CreatedKeyArn = "KEY_ARN";

    public const string Account = "ACCOUNT";

    /// <summary>
    /// A Terraform string: <c>${var.x}</c> → its default, the key's and the account's expressions → their tokens, the
    /// bucket's, the user's and the policy's names and ARN (given <paramref name="resources"/>) → what their arguments
    /// say, <c>$${</c> → <c>${</c>.
    /// </summary>
    public static string Terraform(string text, JsonObject variables, string keyArn, JsonObject? resources = null) =>
        TerraformInterpolation().Replace(text, m => m.Groups[1].Value switch
        {
            "aws_kms_key.ica.arn" or "data.aws_kms_key.ica.arn" => keyArn,
            "data.aws_caller_identity.current.account_id" => Account,
            string expression when expression.StartsWith("var.", StringComparison.Ordinal) =>
                variables[expression[4..]]![0]!["default"]!.GetValue<string>(),
            string expression when ResourceAttribute(expression, variables, keyArn, resources) is { } value => value,
            string other => throw new InvalidOperationException($"The test does not know the Terraform expression {other}."),
        }).Replace("$${", "${", StringComparison.Ordinal);

    // TYPE.ica.ATTRIBUTE of a resource whose attribute is one of its own arguments (or an ARN made of one).
    private static string? ResourceAttribute(string expression, JsonObject variables, string keyArn, JsonObject? resources)
    {
        string[] parts = expression.Split('.');
        if (parts.Length != 3 || resources?[parts[0]]?[parts[1]]?[0] is not JsonObject resource)
        {
            return null;
        }

        string Argument(string name) => Terraform(resource[name]!.GetValue<string>(), variables, keyArn, resources);
        return (parts[0], parts[2]) switch
        {
            ("aws_s3_bucket", "id" or "bucket") => Argument("bucket"),
            ("aws_iam_user", "id" or "name") => Argument("name"),
            ("aws_iam_policy", "arn") => $"arn:aws:iam::{Account}:policy/{Argument("name")}",
            _ => null,
        };
    }

    /// <summary>A CloudFormation value: <c>Ref</c>, <c>Fn::GetAtt</c> and <c>Fn::Sub</c> evaluated with the parameters' defaults.</summary>
    public static JsonNode? CloudFormation(JsonNode? node, JsonObject template, string keyArn)
    {
        switch (node)
        {
            case JsonObject o when o.Count == 1 && o.ContainsKey("Ref"):
                return Ref(o["Ref"]!.GetValue<string>(), template, keyArn);
            case JsonObject o when o.Count == 1 && o.ContainsKey("Fn::GetAtt"):
                return o["Fn::GetAtt"]![0]!.GetValue<string>() == "KmsKey" && o["Fn::GetAtt"]![1]!.GetValue<string>() == "Arn"
                    ? keyArn
                    : throw new InvalidOperationException($"The test does not know {o.ToJsonString()}.");
            case JsonObject o when o.Count == 1 && o.ContainsKey("Fn::Sub"):
                JsonNode sub = o["Fn::Sub"]!;
                string text = sub is JsonArray a ? a[0]!.GetValue<string>() : sub.GetValue<string>();
                JsonObject local = sub is JsonArray withVariables ? withVariables[1]!.AsObject() : [];
                return SubInterpolation().Replace(text, m => local.ContainsKey(m.Groups[1].Value)
                    ? CloudFormation(local[m.Groups[1].Value]!.DeepClone(), template, keyArn)!.GetValue<string>()
                    : Ref(m.Groups[1].Value, template, keyArn)).Replace("${!", "${", StringComparison.Ordinal);
            case JsonObject o:
                var copy = new JsonObject();
                foreach ((string name, JsonNode? value) in o)
                {
                    copy[name] = CloudFormation(value, template, keyArn);
                }

                return copy;
            case JsonArray array:
                return new JsonArray([.. array.Select(item => CloudFormation(item, template, keyArn))]);
            default:
                return node?.DeepClone();
        }
    }

    private static string Ref(string name, JsonObject template, string keyArn) => name switch
    {
        "AWS::AccountId" => Account,
        "AWS::Region" => "REGION",
        "Bucket" => Ref("BucketName", template, keyArn),
        "IcaUser" => Ref("IamUserName", template, keyArn),
        "KmsKeyArn" => template["Parameters"]!["KmsKeyArn"]!["Default"]!.GetValue<string>(),
        _ when template["Parameters"]![name] is JsonObject parameter => parameter["Default"]!.GetValue<string>(),
        _ => throw new InvalidOperationException($"The test does not know the reference {name}."),
    };

    [GeneratedRegex(@"(?<!\$)\$\{([^}]+)\}")]
    private static partial Regex TerraformInterpolation();

    [GeneratedRegex(@"\$\{(?!!)([^}]+)\}")]
    private static partial Regex SubInterpolation();
}
