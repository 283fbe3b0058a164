using IcaKms.Core.Ica;

namespace IcaKms.Core.Tests.Ica;

public class StorageConfigurationComparisonTests
{
    private static readonly IcaApiRegion Sydney = new("region-au", "AU", "Sydney", new IcaCountry("AU", "Australia", "APAC"));

    private static StorageConfiguration InIca(string? description, string? prefix = Samples.Prefix, string regionId = "region-au") =>
        new("conf-1", "acme-runs", description, "AWS_S3", "OK", null, Sydney with { Id = regionId }, false,
            new StorageConfigurationDetails(new AwsDetails(Samples.Bucket, prefix, "aws:kms", Samples.KeyArn)));

    [Theory]
    [InlineData("Sequencing runs", "Sequencing runs", false)]
    [InlineData(null, "", false)]
    [InlineData("", "  ", false)]
    [InlineData("Old runs", "Sequencing runs", true)]
    [InlineData(null, "Sequencing runs", true)]
    public void Compare_Description_IsOneOfTheFields(string? inIca, string wanted, bool differs)
    {
        IReadOnlyList<ConfigurationDifference> differences = StorageConfigurationComparison.Compare(InIca(inIca), Samples.Configuration(description: wanted), Sydney);

        Assert.Equal(differences, differs ? [new ConfigurationDifference("Description", inIca ?? string.Empty, wanted)] : []);
    }

    [Fact]
    public void Compare_TheCreateRequest_ComparesEveryFieldIcaAnswersBack()
    {
        StorageConfigurationRequest body = StorageConfigurationRequest.Create(Samples.Configuration(keyPrefix: ""), "cred-1", "region-us") with
        {
            AwsDetails = new AwsDetails("other-bucket", null, "aws:kms", Samples.KeyArn + "0"),
        };

        IReadOnlyList<ConfigurationDifference> differences = StorageConfigurationComparison.Compare(InIca("Old"), body, null);

        Assert.Equal(["Region", "Description", "Bucket name", "Key prefix", "Key Name"], differences.Select(d => d.Field));
    }
}
