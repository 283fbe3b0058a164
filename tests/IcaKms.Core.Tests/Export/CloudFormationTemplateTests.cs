using System.Text.Json;
using System.Text.Json.Nodes;
using IcaKms.Core.Export;
using IcaKms.TestKit;

namespace IcaKms.Core.Tests.Export;

/// <summary>Every template the export writes is JSON that uses only resource types, properties and functions CloudFormation defines.</summary>
public class CloudFormationTemplateTests
{
    public static TheoryData<string> Cases => [.. ExportSamples.Names];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Template_UsesOnlyKnownTypesAndProperties_ForEachCase(string name)
    {
        JsonObject template = JsonNode.Parse(CloudFormationExport.Template(ExportSamples.Subject(name)))!.AsObject();

        Assert.Equal([], Unknown(template));
    }

    [Fact]
    public void Unknown_NamesAPropertyCloudFormationDoesNotDefine()
    {
        JsonObject template = JsonNode.Parse(CloudFormationExport.Template(ExportSamples.Subject("offline-new-key")))!.AsObject();
        template["Resources"]!["Bucket"]!["Properties"]!["BucketEncryption"]!["ServerSideEncryptionConfiguration"]![0]!["BucketKeyEnable"] = true;
        template["Resources"]!["IcaUser"]!["Type"] = "AWS::IAM::Person";

        Assert.Equal(
            ["AWS::S3::Bucket/BucketEncryption/ServerSideEncryptionConfiguration[]: BucketKeyEnable", "IcaUser: type AWS::IAM::Person"],
            Unknown(template));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Template_RefersOnlyToItsParametersResourcesAndPseudoParameters(string name)
    {
        JsonObject template = JsonNode.Parse(CloudFormationExport.Template(ExportSamples.Subject(name)))!.AsObject();
        HashSet<string> known = [.. template["Parameters"]!.AsObject().Select(p => p.Key), .. template["Resources"]!.AsObject().Select(r => r.Key), "AWS::Region", "AWS::AccountId"];

        foreach (string reference in References(template))
        {
            Assert.Contains(reference, known);
        }
    }

    private static List<string> Unknown(JsonObject template)
    {
        var unknown = new List<string>();
        unknown.AddRange(template.Select(s => s.Key).Where(s => !CloudFormationSchema.Sections.Contains(s)).Select(s => "section " + s));
        foreach ((string id, JsonNode? node) in template["Resources"]!.AsObject())
        {
            JsonObject resource = node!.AsObject();
            string type = resource["Type"]!.GetValue<string>();
            unknown.AddRange(resource.Select(a => a.Key).Where(a => !CloudFormationSchema.ResourceAttributes.Contains(a)).Select(a => $"{id}: attribute {a}"));
            if (!CloudFormationSchema.ResourceProperties.TryGetValue(type, out IReadOnlySet<string>? properties))
            {
                unknown.Add($"{id}: type {type}");
                continue;
            }

            foreach ((string property, JsonNode? value) in resource["Properties"]!.AsObject())
            {
                if (!properties.Contains(property))
                {
                    unknown.Add($"{id}: {type}.{property}");
                    continue;
                }

                Nested($"{type}/{property}", value, unknown);
            }
        }

        return unknown;
    }

    // Checks the properties of a nested property type (skipping documents like KeyPolicy and intrinsic functions).
    private static void Nested(string path, JsonNode? value, List<string> unknown)
    {
        switch (value)
        {
            case JsonArray array:
                foreach (JsonNode? item in array)
                {
                    Nested(path + "[]", item, unknown);
                }

                break;
            case JsonObject o when CloudFormationSchema.NestedProperties.TryGetValue(path, out IReadOnlySet<string>? allowed):
                foreach ((string name, JsonNode? inner) in o)
                {
                    if (!allowed.Contains(name))
                    {
                        unknown.Add($"{path}: {name}");
                    }
                    else
                    {
                        Nested($"{path}/{name}", inner, unknown);
                    }
                }

                break;
        }
    }

    private static IEnumerable<string> References(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach ((string name, JsonNode? value) in o)
                {
                    if (name == "Ref")
                    {
                        yield return value!.GetValue<string>();
                    }
                    else if (name == "Fn::GetAtt")
                    {
                        yield return value![0]!.GetValue<string>();
                    }
                    else if (name == "Fn::Sub")
                    {
                        string text = value is JsonArray a ? a[0]!.GetValue<string>() : value!.GetValue<string>();
                        HashSet<string> local = value is JsonArray withVariables ? [.. withVariables[1]!.AsObject().Select(v => v.Key)] : [];
                        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(text, @"\$\{(?!!)([^}]+)\}"))
                        {
                            if (!local.Contains(m.Groups[1].Value))
                            {
                                yield return m.Groups[1].Value;
                            }
                        }
                    }

                    foreach (string inner in References(value))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray array:
                foreach (string inner in array.SelectMany(References))
                {
                    yield return inner;
                }

                break;
        }
    }
}
