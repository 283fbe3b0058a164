using System.Reflection;
using IcaKms.Core.Aws;
using IcaKms.Core.Ica;
using IcaKms.Core.Applying;
using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Planning;
using IcaKms.Core.Setup;
using IcaKms.FakeIca;

namespace IcaKms.Core.Tests.Ica;

public class IcaApplierTests
{
    private const string NewSecret = "NewIamSecret/0123456789abcdefghijKLMNOP";

    private static SetupPlan NewKeyPlan(Uri api) => IcaPlanner.Plan(new IcaPlanRequest(
        api, Samples.Configuration(), [], new IcaApiRegion(FakeIcaScenario.AuRegionId, "AU", "Sydney", new IcaCountry("AU", "Australia", null)), null,
        new CredentialChoice(CredentialSource.NewIamKey, null, "ica-storage", IamUserName: "ica-storage"), [], [], Share: false));

    [Fact]
    public async Task NewIamKey_GoesStraightIntoTheCredential_AndEveryChangeIsRecorded()
    {
        await using FakeIcaFixture ica = await FakeIcaFixture.StartAsync();
        var recorded = new List<AppliedChange>();

        IcaApplyResult result = await IcaApplier.ApplyAsync(ica.Client(), NewKeyIam.Create(), NewKeyPlan(ica.Server.Url), null, "tester", TimeProvider.System, recorded.Add);

        Assert.True(result.Result.Succeeded, string.Join(" ", result.Result.Changes.Select(c => c.Message)));
        Assert.True(result.ValidationStarted);
        Assert.Equal(4, recorded.Count);
        FakeIcaCredential credential = Assert.Single(ica.Server.Credentials);
        Assert.Equal(("AKIANEWKEY0000000001", FakeIcaServer.DigestOf(NewSecret)), (credential.AccessKeyId, credential.SecretDigest));
        Assert.DoesNotContain(recorded, r => r.Message.Contains(NewSecret, StringComparison.Ordinal) || r.ToString().Contains(NewSecret, StringComparison.Ordinal));
        Assert.Equal(result.ConfigurationId, Assert.Single(ica.Server.Configurations).Id);
    }

    [Fact]
    public async Task RefusedCredential_StopsThePlan_AndSaysToDeleteTheOrphanKey()
    {
        await using FakeIcaFixture ica = await FakeIcaFixture.StartAsync();
        ica.Server.Fault = FakeIcaFault.Forbidden;
        ica.Server.FaultPath = "POST /api/storageCredentials";

        IcaApplyResult result = await IcaApplier.ApplyAsync(ica.Client(), NewKeyIam.Create(), NewKeyPlan(ica.Server.Url), null, "tester", TimeProvider.System);

        Assert.Equal([ChangeOutcome.Done, ChangeOutcome.Failed, ChangeOutcome.NotDone, ChangeOutcome.NotDone], result.Result.Changes.Select(c => c.Outcome));
        Assert.Contains("aws iam delete-access-key --access-key-id AKIANEWKEY0000000001", result.Result.Failure!.Message, StringComparison.Ordinal);
        Assert.Empty(ica.Server.Configurations);
        Assert.False(result.ValidationStarted);
    }

    // DispatchProxy needs a public, non-sealed class with a parameterless constructor.
#pragma warning disable CA1852 // DispatchProxy derives from it at run time.
    public class NewKeyIam : DispatchProxy
#pragma warning restore CA1852
    {
        public static IIamGateway Create() => DispatchProxy.Create<IIamGateway, NewKeyIam>();

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
        {
            nameof(IIamGateway.CreateAccessKeyAsync) => Task.FromResult(Result<CreatedAccessKey, AwsFailure>.Ok(new CreatedAccessKey((string)args![0]!, "AKIANEWKEY0000000001", NewSecret))),
            _ => throw new NotSupportedException(targetMethod?.Name),
        };
    }
}
