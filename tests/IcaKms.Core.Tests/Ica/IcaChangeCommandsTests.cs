using IcaKms.Core.Ica;
using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Planning;
using IcaKms.Core.Documents;
using IcaKms.Core.Shell;

namespace IcaKms.Core.Tests.Ica;

public class IcaChangeCommandsTests
{
    private static readonly Uri Api = new("https://ica.illumina.com/ica/rest");
    private static readonly CommandContext Context = new("us-east-1");

    [Fact]
    public void Credential_KeepsTheKeyAndSecretInShellVariables_AndCapturesTheId()
    {
        ShellCommand command = Assert.Single(SetupChangeCommands.For(new CreateStorageCredentialChange(Api, "ica-user", CredentialSource.PastedKey, "AKIAEXAMPLE000000001"), "us-east-1"));

        Assert.Equal(
            "STORAGE_CREDENTIAL_ID=$(curl --fail-with-body -sS -X POST https://ica.illumina.com/ica/rest/api/storageCredentials -H \"X-API-Key: $ICA_API_KEY\" " +
            "-H 'Accept: application/vnd.illumina.v3+json' -H 'Content-Type: application/vnd.illumina.v3+json' " +
            "--data '{\"name\":\"ica-user\",\"type\":\"AWS_USER\",\"awsCredentials\":{\"accessKeyId\":\"'\"$AWS_ACCESS_KEY_ID\"'\",\"secretAccessKey\":\"'\"$AWS_SECRET_ACCESS_KEY\"'\"}}' | jq -r .id)",
            command.CommandLine);
    }

    [Fact]
    public void ValidateOfANewConfiguration_UsesTheCapturedId()
    {
        IReadOnlyList<ShellCommand> commands = new ValidateStorageConfigurationChange(Api, "acme-runs", null).Commands(Context);

        Assert.Equal(
            "curl --fail-with-body -sS -X POST https://ica.illumina.com/ica/rest/api/storageConfigurations/\"$STORAGE_CONFIGURATION_ID\":validate -H \"X-API-Key: $ICA_API_KEY\" -H 'Accept: application/vnd.illumina.v3+json' --data ''",
            commands[0].CommandLine);
        Assert.EndsWith("\"$STORAGE_CONFIGURATION_ID\" -H \"X-API-Key: $ICA_API_KEY\" -H 'Accept: application/vnd.illumina.v3+json' | jq '{status, errorMessage}'", commands[1].CommandLine, StringComparison.Ordinal);
    }

    [Fact]
    public void Configuration_SendsTheCapturedCredentialId_WhenItIsCreatedFirst()
    {
        StorageConfigurationRequest body = StorageConfigurationRequest.Create(Samples.Configuration(), regionId: "region-au");

        string line = Assert.Single(new CreateStorageConfigurationChange(Api, body).Commands(Context)).CommandLine;

        Assert.Contains("\"storageCredentialId\":\"'\"$STORAGE_CREDENTIAL_ID\"'\"", line, StringComparison.Ordinal);
        Assert.StartsWith("STORAGE_CONFIGURATION_ID=$(curl", line, StringComparison.Ordinal);
    }
}
