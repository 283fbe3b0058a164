using System.Text.Json.Nodes;
using IcaKms.Core.Policies;

namespace IcaKms.Core.Tests.Policies;

/// <summary>The spec's policy with real names, and small edits of it, for the summary-check tests.</summary>
internal static class TestPolicies
{
    public const string Bucket = "my-ica-bucket";

    public const string BucketArn = "arn:aws:s3:::my-ica-bucket";

    public const string ObjectsArn = "arn:aws:s3:::my-ica-bucket/*";

    public const string Key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    /// <summary>The spec's policy for the variant, rendered with <see cref="Bucket"/> and <see cref="Key"/>.</summary>
    public static string SpecPolicy(PolicyVariant variant = PolicyVariant.Unversioned) =>
        PolicyJson.Serialize(IcaIamPolicy.Create(Bucket, Key, variant));

    /// <summary>The spec's policy with its statement array edited.</summary>
    public static string Edit(Action<JsonArray> edit, PolicyVariant variant = PolicyVariant.Unversioned)
    {
        JsonObject root = JsonNode.Parse(SpecPolicy(variant))!.AsObject();
        edit(root["Statement"]!.AsArray());
        return root.ToJsonString();
    }

    /// <summary>Removes an action from statement <paramref name="index"/> (0-based).</summary>
    public static void RemoveAction(JsonArray statements, int index, string action)
    {
        JsonArray actions = statements[index]!["Action"]!.AsArray();
        actions.Remove(actions.First(a => a!.GetValue<string>() == action));
    }

    /// <summary>Sets an element of statement <paramref name="index"/> (0-based) to parsed JSON.</summary>
    public static void Set(JsonArray statements, int index, string element, string json) =>
        statements[index]![element] = JsonNode.Parse(json);

    /// <summary>A policy of the given statements (JSON objects, comma-separated).</summary>
    public static string Policy(string statements) => $$"""{"Version": "2012-10-17", "Statement": [{{statements}}]}""";
}
