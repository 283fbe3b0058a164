using IcaKms.Core.Ica;
using IcaKms.FakeIca;

namespace IcaKms.Core.Tests.Ica;

/// <summary><c>:updateSecrets</c> through the app's ICA client against the loopback fake ICA.</summary>
public class UpdateSecretsIcaClientTests
{
    private const string NewSecret = "RotatedSecret/0123456789abcdefghijKLMNOP";

    [Fact]
    public async Task UpdateSecrets_KnownCredential_Answers204AndHidesTheSecretFromTheRecord()
    {
        await using FakeIcaFixture ica = await FakeIcaFixture.StartAsync();
        IIcaClient client = ica.Client();
        StorageCredential credential = (await client.CreateStorageCredentialAsync(
            new StorageCredentialRequest("lab-credential", StorageCredential.AwsUserType, new AwsAccessKey("AKIAOLDKEY0000000001", "OldSecret/0123456789")))).Value!;

        Result<bool, IcaFailure> updated = await client.UpdateStorageCredentialSecretsAsync(credential.Id, new AwsAccessKey("AKIANEWKEY0000000002", NewSecret));

        Assert.True(updated.Succeeded, updated.Failure?.Message);
        FakeIcaCredential held = Assert.Single(ica.Server.Credentials);
        Assert.Equal(("AKIANEWKEY0000000002", FakeIcaServer.DigestOf(NewSecret)), (held.AccessKeyId, held.SecretDigest));
        FakeIcaRequest request = ica.Server.Requests[^1];
        Assert.Equal(($"/api/storageCredentials/{credential.Id}:updateSecrets", 204), (request.Path.Replace(FakeIcaServer.BasePath, string.Empty, StringComparison.Ordinal), request.Status));
        Assert.DoesNotContain(NewSecret, request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateSecrets_UnknownCredential_IsNotFound()
    {
        await using FakeIcaFixture ica = await FakeIcaFixture.StartAsync();

        Result<bool, IcaFailure> updated = await ica.Client().UpdateStorageCredentialSecretsAsync("no-such-credential", new AwsAccessKey("AKIANEWKEY0000000002", NewSecret));

        Assert.Equal(IcaFailureKind.NotFound, updated.Failure?.Kind);
        Assert.Equal(0, ica.Server.SecretUpdates);
    }
}
