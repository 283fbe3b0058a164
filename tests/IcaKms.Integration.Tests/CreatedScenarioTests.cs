using IcaKms.Core;
using IcaKms.Core.Checks;
using IcaKms.Core.Policies;
using IcaKms.Core.Setup;
using Xunit.Abstractions;

namespace IcaKms.Integration.Tests;

/// <summary>
/// Creates each scenario on the endpoint (KMS key and alias, bucket, folder, IAM user and policy), inspects it with the
/// app's gateways and checks, and deletes it again. Needs write access: run against LocalStack or a sandbox account.
/// </summary>
[Trait("Integration", "Creates")]
public sealed class CreatedScenarioTests
{
    private const string Prefix = "ica/";
    private static readonly TimeSpan TestTimeout = TimeSpan.FromMinutes(5);

    private readonly ITestOutputHelper _output;

    public CreatedScenarioTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [IntegrationFact]
    public async Task SseKmsBucket_BucketAndKeyChecks_Pass()
    {
        using var deadline = new CancellationTokenSource(TestTimeout);
        IntegrationSession session = await ConnectAsync(deadline.Token);
        await using var resources = new IntegrationResources(session, _output);
        KmsBucket scenario = await CreateKmsBucketAsync(resources, deadline.Token);
        SetupInputs inputs = Inputs(session, scenario.Bucket, scenario.Key.KeyArn);

        IReadOnlyList<SetupCheck> checks = await InspectAsync(session, inputs, deadline.Token);

        Verdicts.AssertPass(
            checks,
            LiveCheckIds.BucketRegion,
            LiveCheckIds.BucketEncryption,
            LiveCheckIds.BucketKey,
            LiveCheckIds.PrefixFolder,
            LiveCheckIds.BucketVersioning,
            LiveCheckIds.KeyResolves,
            LiveCheckIds.KeyRegion,
            LiveCheckIds.KeySpec,
            LiveCheckIds.KeyState,
            LiveCheckIds.KeyManager,
            LiveCheckIds.KeyPolicyIam);
    }

    [IntegrationFact]
    public async Task SseKmsBucket_KeyGivenByAlias_KeyResolvesFailsNamingTheKeyArn()
    {
        using var deadline = new CancellationTokenSource(TestTimeout);
        IntegrationSession session = await ConnectAsync(deadline.Token);
        await using var resources = new IntegrationResources(session, _output);
        KmsBucket scenario = await CreateKmsBucketAsync(resources, deadline.Token);
        string alias = scenario.Key.AliasName;
        await Eventually.UntilAsync(
            $"KMS alias {alias}",
            async token => (await session.Gateways.Kms.DescribeKeyAsync(alias, token)).Succeeded,
            deadline.Token);
        SetupInputs inputs = Inputs(session, scenario.Bucket, alias);

        IReadOnlyList<SetupCheck> checks = await InspectAsync(session, inputs, deadline.Token);

        SetupCheck resolves = Verdicts.Of(checks, LiveCheckIds.KeyResolves);
        Assert.Equal(CheckState.Fail, resolves.State);
        Assert.Contains(scenario.Key.KeyArn, resolves.Fix, StringComparison.Ordinal);
        // The alias resolves to the very key the bucket names, so the encryption check still passes.
        Verdicts.AssertPass(
            checks, LiveCheckIds.BucketEncryption, LiveCheckIds.KeyRegion, LiveCheckIds.KeySpec, LiveCheckIds.KeyState, LiveCheckIds.KeyManager);
    }

    [IntegrationFact]
    public async Task SuspendedVersioning_VersioningCheck_RequiresTheVersionedPolicy()
    {
        using var deadline = new CancellationTokenSource(TestTimeout);
        IntegrationSession session = await ConnectAsync(deadline.Token);
        await using var resources = new IntegrationResources(session, _output);
        string bucket = await resources.CreateBucketAsync(deadline.Token);
        await resources.SuspendVersioningAsync(bucket, deadline.Token);
        SetupInputs versioned = Inputs(session, bucket, string.Empty);
        LiveSnapshot snapshot = await session.InspectAsync(versioned, deadline.Token);

        SetupCheck chosenVersioned = Verdicts.Of(LiveChecks.Evaluate(snapshot, InspectionRequest.Create(versioned)), LiveCheckIds.BucketVersioning);
        SetupInputs unversioned = versioned with { Variant = PolicyVariant.Unversioned };
        SetupCheck chosenUnversioned = Verdicts.Of(LiveChecks.Evaluate(snapshot, InspectionRequest.Create(unversioned)), LiveCheckIds.BucketVersioning);

        Assert.Equal("Suspended", snapshot.Versioning.Value);
        Assert.Equal(CheckState.Pass, chosenVersioned.State);
        Assert.Contains("Suspended", chosenVersioned.Finding, StringComparison.Ordinal);
        Assert.Equal(CheckState.Fail, chosenUnversioned.State);
        Assert.Contains("versioned policy", chosenUnversioned.Fix, StringComparison.Ordinal);
    }

    [IntegrationFact]
    public async Task Aes256Bucket_EncryptionCheck_Fails()
    {
        using var deadline = new CancellationTokenSource(TestTimeout);
        IntegrationSession session = await ConnectAsync(deadline.Token);
        await using var resources = new IntegrationResources(session, _output);
        string bucket = await resources.CreateBucketAsync(deadline.Token);
        await resources.UseAes256DefaultEncryptionAsync(bucket, deadline.Token);
        SetupInputs inputs = Inputs(session, bucket, string.Empty) with { Variant = PolicyVariant.Unversioned };

        IReadOnlyList<SetupCheck> checks = await InspectAsync(session, inputs, deadline.Token);

        SetupCheck encryption = Verdicts.Of(checks, LiveCheckIds.BucketEncryption);
        Assert.Equal(CheckState.Fail, encryption.State);
        Assert.Contains("SSE-S3 (AES256)", encryption.Finding, StringComparison.Ordinal);
        Verdicts.AssertPass(checks, LiveCheckIds.BucketRegion);
    }

    [IntegrationFact(IntegrationRequirement.IamWrites)]
    public async Task SpecPolicyAttachedToUser_IamPolicyCheck_Passes()
    {
        using var deadline = new CancellationTokenSource(TestTimeout);
        IntegrationSession session = await ConnectAsync(deadline.Token);
        await using var resources = new IntegrationResources(session, _output);
        KmsBucket scenario = await CreateKmsBucketAsync(resources, deadline.Token);
        string user = IntegrationResources.NewName();
        string document = PolicyJson.Serialize(IcaIamPolicy.Create(scenario.Bucket, scenario.Key.KeyArn, PolicyVariant.Versioned));
        string policyArn = await resources.CreateUserWithPolicyAsync(user, document, deadline.Token);
        await Eventually.UntilAsync(
            $"the attachment of {policyArn} to {user}",
            async token => (await session.Gateways.Iam.ListAttachedUserPoliciesAsync(user, token)).Value?.Any(p => p.PolicyArn == policyArn) == true,
            deadline.Token);
        SetupInputs inputs = Inputs(session, scenario.Bucket, scenario.Key.KeyArn) with { IamUserName = user };

        IReadOnlyList<SetupCheck> checks = await InspectAsync(session, inputs, deadline.Token);

        Verdicts.AssertPass(checks, LiveCheckIds.IamPolicy, LiveCheckIds.KeyPolicyIam);
    }

    private static Task<IntegrationSession> ConnectAsync(CancellationToken cancellationToken) =>
        IntegrationSession.ConnectAsync(IntegrationSettings.FromEnvironment(), cancellationToken);

    /// <summary>The wizard's inputs for a created bucket: versioned policy (the buckets here are suspended), prefix <c>ica/</c>.</summary>
    private static SetupInputs Inputs(IntegrationSession session, string bucket, string key) => new()
    {
        AwsRegion = session.Settings.Region,
        BucketName = bucket,
        KeyArn = key,
        KeyPrefix = Prefix,
        Variant = PolicyVariant.Versioned,
    };

    private static async Task<IReadOnlyList<SetupCheck>> InspectAsync(
        IntegrationSession session, SetupInputs inputs, CancellationToken cancellationToken)
    {
        LiveSnapshot snapshot = await session.InspectAsync(inputs, cancellationToken);
        return LiveChecks.Evaluate(snapshot, InspectionRequest.Create(inputs));
    }

    /// <summary>
    /// The setup ICA's help page asks for: a customer managed symmetric key with an alias; a bucket with SSE-KMS default
    /// encryption by that key and Bucket Key on; versioning enabled then suspended; the prefix folder, encrypted.
    /// </summary>
    private static async Task<KmsBucket> CreateKmsBucketAsync(IntegrationResources resources, CancellationToken cancellationToken)
    {
        CreatedKey key = await resources.CreateKeyWithAliasAsync(cancellationToken);
        string bucket = await resources.CreateBucketAsync(cancellationToken);
        await resources.UseKmsDefaultEncryptionAsync(bucket, key.KeyArn, cancellationToken);
        await resources.SuspendVersioningAsync(bucket, cancellationToken);
        await resources.CreateFolderAsync(bucket, Prefix, key.KeyArn, cancellationToken);
        return new KmsBucket(bucket, key);
    }

    private sealed record KmsBucket(string Bucket, CreatedKey Key);
}
