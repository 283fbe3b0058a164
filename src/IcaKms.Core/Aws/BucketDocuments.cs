using System.Text.Json;
using System.Text.Json.Nodes;

namespace IcaKms.Core.Aws;

/// <summary>
/// A bucket's settings as the S3 API's JSON documents (as <c>aws s3api get-bucket-encryption</c> and friends show
/// them), so a plan can show them before and after, and the CLI commands can send exactly them.
/// </summary>
public static class BucketDocuments
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 4 };

    /// <summary>The <c>ServerSideEncryptionConfiguration</c> of one rule, as indented text.</summary>
    public static string EncryptionJson(BucketEncryption encryption) => Encryption(encryption).ToJsonString(Indented);

    /// <summary>The <c>PublicAccessBlockConfiguration</c>, as indented text.</summary>
    public static string PublicAccessJson(PublicAccessBlock block) => PublicAccess(block).ToJsonString(Indented);

    /// <summary>The <c>OwnershipControls</c> with one rule, as indented text.</summary>
    public static string OwnershipJson(string ownership) => Ownership(ownership).ToJsonString(Indented);

    /// <summary>The <c>ServerSideEncryptionConfiguration</c> of one rule.</summary>
    public static JsonObject Encryption(BucketEncryption encryption)
    {
        ArgumentNullException.ThrowIfNull(encryption);
        var byDefault = new JsonObject { ["SSEAlgorithm"] = encryption.SseAlgorithm };
        if (!string.IsNullOrEmpty(encryption.KmsMasterKeyId))
        {
            byDefault["KMSMasterKeyID"] = encryption.KmsMasterKeyId;
        }

        var rule = new JsonObject
        {
            ["ApplyServerSideEncryptionByDefault"] = byDefault,
            ["BucketKeyEnabled"] = encryption.BucketKeyEnabled,
        };
        if (encryption.BlockedEncryptionTypes.Count > 0)
        {
            rule["BlockedEncryptionTypes"] = new JsonObject
            {
                ["EncryptionType"] = new JsonArray([.. encryption.BlockedEncryptionTypes.Select(t => (JsonNode)JsonValue.Create(t))]),
            };
        }

        return new JsonObject { ["Rules"] = new JsonArray(rule) };
    }

    /// <summary>The <c>PublicAccessBlockConfiguration</c>.</summary>
    public static JsonObject PublicAccess(PublicAccessBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        return new JsonObject
        {
            ["BlockPublicAcls"] = block.BlockPublicAcls,
            ["IgnorePublicAcls"] = block.IgnorePublicAcls,
            ["BlockPublicPolicy"] = block.BlockPublicPolicy,
            ["RestrictPublicBuckets"] = block.RestrictPublicBuckets,
        };
    }

    /// <summary>The <c>OwnershipControls</c> with one rule.</summary>
    public static JsonObject Ownership(string ownership) =>
        new() { ["Rules"] = new JsonArray(new JsonObject { ["ObjectOwnership"] = ownership }) };
}
