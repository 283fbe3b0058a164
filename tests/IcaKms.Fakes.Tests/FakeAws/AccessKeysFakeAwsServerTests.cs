using Amazon.Runtime;
using IcaKms.Core;
using IcaKms.Core.Adapters;
using IcaKms.Core.Adapters.Aws;
using IcaKms.Core.Aws;
using IcaKms.FakeAws;
using Microsoft.Extensions.DependencyInjection;

namespace IcaKms.Fakes.Tests.FakeAws;

/// <summary>The IAM calls of a key rotation through the app's IAM Query client against the loopback fake.</summary>
public sealed class AccessKeysFakeAwsServerTests
{
    private const string Region = "eu-west-2";
    private const string User = FakeAwsScenario.DefaultIamUserName;

    [Fact]
    public async Task AccessKeyCalls_ListStatusLastUseDeactivateDelete_AreSeenByTheNextRead()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(new FakeAwsScenario { Region = Region });
        IIamGateway iam = Gateways(aws).Iam;
        string oldKey = (await iam.CreateAccessKeyAsync(User)).Value!.AccessKeyId;
        string newKey = (await iam.CreateAccessKeyAsync(User)).Value!.AccessKeyId;
        var used = new DateTimeOffset(2026, 11, 30, 8, 15, 0, TimeSpan.Zero);
        aws.MarkAccessKeyUsed(oldKey, used);

        Result<DateTimeOffset?, AwsFailure> oldUse = await iam.GetAccessKeyLastUsedAsync(oldKey);
        Result<DateTimeOffset?, AwsFailure> newUse = await iam.GetAccessKeyLastUsedAsync(newKey);
        Result<bool, AwsFailure> deactivated = await iam.UpdateAccessKeyAsync(User, oldKey, AccessKeyStatus.Inactive);
        IReadOnlyList<AccessKeyMetadata> listed = (await iam.ListAccessKeyMetadataAsync(User)).Value!;

        Assert.Equal(used, oldUse.Value);
        Assert.True(newUse.Succeeded);
        Assert.Null(newUse.Value);
        Assert.True(deactivated.Value);
        Assert.Equal("Inactive", aws.AccessKeyStatus(oldKey));
        Assert.Equal([(oldKey, AccessKeyStatus.Inactive), (newKey, AccessKeyStatus.Active)], listed.Select(k => (k.AccessKeyId, k.Status)));

        Result<bool, AwsFailure> deleted = await iam.DeleteAccessKeyAsync(User, oldKey);
        Result<bool, AwsFailure> again = await iam.DeleteAccessKeyAsync(User, oldKey);

        Assert.True(deleted.Value);
        Assert.Equal([newKey], (await iam.ListAccessKeysAsync(User)).Value);
        Assert.Equal(AwsFailureKind.NotFound, again.Failure?.Kind);
        Assert.Null(aws.AccessKeyStatus(oldKey));
    }

    [Fact]
    public async Task UpdateAccessKey_KeyOfNoSuchUser_IsNotFound()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(new FakeAwsScenario { Region = Region });
        IIamGateway iam = Gateways(aws).Iam;

        Result<bool, AwsFailure> updated = await iam.UpdateAccessKeyAsync(User, "AKIANOSUCHKEY0000001", AccessKeyStatus.Inactive);
        Result<DateTimeOffset?, AwsFailure> lastUse = await iam.GetAccessKeyLastUsedAsync("AKIANOSUCHKEY0000001");

        Assert.Equal(AwsFailureKind.NotFound, updated.Failure?.Kind);
        Assert.Equal(AwsFailureKind.NotFound, lastUse.Failure?.Kind);
    }

    private static AwsGateways Gateways(FakeAwsServer aws) =>
        new ServiceCollection()
            .AddIcaKmsCore(_ => new AwsClientSettings { Endpoint = aws.Url, Timeout = TimeSpan.FromSeconds(10) })
            .BuildServiceProvider()
            .GetRequiredService<IAwsGatewayFactory>()
            .Create(new AwsSession(AwsSessionSource.Pasted,
                new SessionAWSCredentials(FakeAwsScenario.DefaultAccessKeyId, "fake-secret", "fake-token"),
                new CallerIdentity(FakeAwsScenario.DefaultAccountId, aws.Scenario.Credentials[FakeAwsScenario.DefaultAccessKeyId], "AROAEXAMPLE:admin"),
                null), Region);
}
