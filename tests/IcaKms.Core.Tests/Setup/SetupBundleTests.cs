using System.IO.Compression;
using System.Text;
using IcaKms.Core.Ica;
using IcaKms.Core.Policies;
using IcaKms.Core.Planning;
using IcaKms.Core.Setup;
using IcaKms.Core.KeyPolicies;

namespace IcaKms.Core.Tests.Setup;

public class SetupBundleTests
{
    private const string Role = "arn:aws:iam::079623148045:role/ica_aps2_crossacct";

    [Fact]
    public void CreateZip_HoldsExactlyTheFourFiles_InOrder()
    {
        Dictionary<string, byte[]> files = Unzip(SetupBundle.CreateZip(Samples.Content()));

        Assert.Equal(["iam-policy.json", "kms-key-policy-statement.json", "ica-storage-configuration.json", "README.txt"], files.Keys);
    }

    [Theory]
    [InlineData(PolicyVariant.Unversioned, false, null)]
    [InlineData(PolicyVariant.Versioned, false, null)]
    [InlineData(PolicyVariant.Versioned, true, Samples.Prefix)]
    public void CreateZip_IamPolicyEqualsPolicyJson_ByteForByte(PolicyVariant variant, bool scope, string? expectedPrefix)
    {
        byte[] expected = Encoding.UTF8.GetBytes(PolicyJson.Serialize(IcaIamPolicy.Create(Samples.Bucket, Samples.KeyArn, variant, expectedPrefix)));

        Dictionary<string, byte[]> files = Unzip(SetupBundle.CreateZip(Samples.Content(variant, scope)));

        Assert.Equal(expected, files[SetupBundle.FileNames.IamPolicy]);
    }

    [Fact]
    public void CreateZip_IamPolicyGrantsWholeBucket_WhenScopeChosenWithoutPrefix()
    {
        string policy = Text(SetupBundle.CreateZip(Samples.Content(scope: true, keyPrefix: "")), SetupBundle.FileNames.IamPolicy);

        Assert.Contains($"\"Resource\": \"arn:aws:s3:::{Samples.Bucket}/*\"", policy, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateZip_StatementNamesRole_WhenCrossAccountChosen()
    {
        string statement = Text(SetupBundle.CreateZip(Samples.Content(role: Role)), SetupBundle.FileNames.KeyPolicyStatement);

        Assert.Equal(PolicyJson.Serialize(CrossAccountKeyStatement.Create(Role)), statement);
    }

    [Fact]
    public void CreateZip_StatementKeepsPlaceholder_WhenCrossAccountOmitted()
    {
        string statement = Text(SetupBundle.CreateZip(Samples.Content(role: null)), SetupBundle.FileNames.KeyPolicyStatement);

        Assert.Equal(PolicyJson.Serialize(CrossAccountKeyStatement.Create("ASSUME_ROLE_ARN")), statement);
    }

    [Fact]
    public void CreateZip_StorageConfigurationIsApiRequestBody_Always()
    {
        string body = Text(SetupBundle.CreateZip(Samples.Content()), SetupBundle.FileNames.StorageConfiguration);

        Assert.Equal(StorageConfigurationRequest.Serialize(StorageConfigurationRequest.Create(Samples.Configuration())), body);
    }

    [Fact]
    public void CreateZip_ReadmeMentionsKeyArnAndBucket_Always()
    {
        string readme = Text(SetupBundle.CreateZip(Samples.Content()), SetupBundle.FileNames.Readme);

        Assert.Contains(Samples.KeyArn, readme, StringComparison.Ordinal);
        Assert.Contains(Samples.Bucket, readme, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateZip_ReadmeSaysCrossAccountNotChosen_WhenRoleOmitted()
    {
        string readme = Text(SetupBundle.CreateZip(Samples.Content(role: null)), SetupBundle.FileNames.Readme);

        Assert.Contains("Cross-account copy was not chosen", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateZip_YieldsIdenticalBytes_ForEqualInput()
    {
        byte[] first = SetupBundle.CreateZip(Samples.Content(PolicyVariant.Versioned, scope: true, role: Role));
        byte[] second = SetupBundle.CreateZip(Samples.Content(PolicyVariant.Versioned, scope: true, role: Role));

        Assert.Equal(first, second);
    }

    [Fact]
    public void CreateZip_YieldsDifferentBytes_WhenVariantDiffers()
    {
        byte[] unversioned = SetupBundle.CreateZip(Samples.Content(PolicyVariant.Unversioned));
        byte[] versioned = SetupBundle.CreateZip(Samples.Content(PolicyVariant.Versioned));

        Assert.NotEqual(unversioned, versioned);
    }

    [Fact]
    public void CreateZip_StampsEveryEntryWithFixedDate_Always()
    {
        using var zip = new ZipArchive(new MemoryStream(SetupBundle.CreateZip(Samples.Content())), ZipArchiveMode.Read);

        Assert.All(zip.Entries, e => Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 0), e.LastWriteTime.DateTime));
    }

    [Fact]
    public void CreateZip_WritesUtf8WithoutByteOrderMark_ForJsonFiles()
    {
        Dictionary<string, byte[]> files = Unzip(SetupBundle.CreateZip(Samples.Content()));

        Assert.All(files.Where(f => f.Key.EndsWith(".json", StringComparison.Ordinal)), f => Assert.Equal((byte)'{', f.Value[0]));
    }

    private static Dictionary<string, byte[]> Unzip(byte[] zipBytes)
    {
        using var zip = new ZipArchive(new MemoryStream(zipBytes), ZipArchiveMode.Read);
        var files = new Dictionary<string, byte[]>();
        foreach (ZipArchiveEntry entry in zip.Entries)
        {
            using Stream stream = entry.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            files.Add(entry.FullName, buffer.ToArray());
        }

        return files;
    }

    private static string Text(byte[] zipBytes, string name) => Encoding.UTF8.GetString(Unzip(zipBytes)[name]);
}
