using System.Text.Json;
using IcaKms.Core.Ica;

namespace IcaKms.Core.Tests.Ica;

public class StorageConfigurationRequestTests
{
    [Fact]
    public void Serialize_WritesIcaApiV3Shape_WithPlaceholderIds()
    {
        using JsonDocument json = JsonDocument.Parse(StorageConfigurationRequest.Serialize(StorageConfigurationRequest.Create(Samples.Configuration())));
        JsonElement root = json.RootElement;

        Assert.Equal(["name", "description", "storageCredentialId", "type", "regionId", "awsDetails"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("acme-runs", root.GetProperty("name").GetString());
        Assert.Equal("Sequencing runs", root.GetProperty("description").GetString());
        Assert.Equal("STORAGE_CREDENTIAL_ID", root.GetProperty("storageCredentialId").GetString());
        Assert.Equal("AWS_S3", root.GetProperty("type").GetString());
        Assert.Equal("REGION_ID", root.GetProperty("regionId").GetString());

        JsonElement aws = root.GetProperty("awsDetails");
        Assert.Equal(["bucketName", "keyPrefix", "serverSideEncryptionAlgorithm", "serverSideEncryptionKey"], aws.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Samples.Bucket, aws.GetProperty("bucketName").GetString());
        Assert.Equal("runs/", aws.GetProperty("keyPrefix").GetString());
        Assert.Equal("aws:kms", aws.GetProperty("serverSideEncryptionAlgorithm").GetString());
        Assert.Equal(Samples.KeyArn, aws.GetProperty("serverSideEncryptionKey").GetString());
    }

    [Fact]
    public void Create_UsesGivenIds_WhenKnown()
    {
        StorageConfigurationRequest request = StorageConfigurationRequest.Create(Samples.Configuration(), "cred-1", "region-1");

        Assert.Equal("cred-1", request.StorageCredentialId);
        Assert.Equal("region-1", request.RegionId);
    }

    [Fact]
    public void Serialize_OmitsKeyPrefix_WhenBucketRoot()
    {
        using JsonDocument json = JsonDocument.Parse(StorageConfigurationRequest.Serialize(StorageConfigurationRequest.Create(Samples.Configuration(keyPrefix: ""))));

        Assert.False(json.RootElement.GetProperty("awsDetails").TryGetProperty("keyPrefix", out _));
    }

    [Fact]
    public void Serialize_OmitsDescription_WhenEmpty()
    {
        using JsonDocument json = JsonDocument.Parse(StorageConfigurationRequest.Serialize(StorageConfigurationRequest.Create(Samples.Configuration(description: " "))));

        Assert.False(json.RootElement.TryGetProperty("description", out _));
    }

    [Fact]
    public void Serialize_IndentsFourSpacesWithLf_LikePolicyJson()
    {
        string json = StorageConfigurationRequest.Serialize(StorageConfigurationRequest.Create(Samples.Configuration()));

        Assert.StartsWith("{\n    \"name\": \"acme-runs\",\n", json, StringComparison.Ordinal);
        Assert.Contains("\n        \"bucketName\": ", json, StringComparison.Ordinal);
    }
}
