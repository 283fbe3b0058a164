using IcaKms.Core;
using System.Text.RegularExpressions;
using IcaKms.Core.Aws;
using IcaKms.Core.Checks;
using IcaKms.Core.Policies;
using IcaKms.Core.Setup;

namespace IcaKms.Integration.Tests;

/// <summary>
/// Tests that only read: the caller's identity, a bucket that does not exist, and an existing scenario named by
/// <c>ICAKMS_IT_BUCKET</c>/<c>ICAKMS_IT_KEY_ARN</c> (and <c>ICAKMS_IT_PREFIX</c>, <c>ICAKMS_IT_IAM_USER</c>), which is
/// expected to be set up as ICA's help page asks. Safe with read-only credentials; select them with
/// <c>--filter Integration=ReadOnly</c>.
/// </summary>
[Trait("Integration", "ReadOnly")]
public sealed partial class ReadOnlyTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromMinutes(2);

    [IntegrationFact]
    public async Task Identify_ReturnsTheCallersAccount()
    {
        using var deadline = new CancellationTokenSource(TestTimeout);
        IntegrationSession session = await ConnectAsync(deadline.Token);

        Result<CallerIdentity, AwsFailure> identity = await session.Factory.IdentifyAsync(session.Session.Credentials, session.Settings.Region, deadline.Token);

        Assert.True(identity.Succeeded, identity.Failure?.Message);
        Assert.Matches(AccountId(), identity.Value!.Account);
        Assert.StartsWith("arn:", identity.Value.Arn, StringComparison.Ordinal);
    }

    [IntegrationFact]
    public async Task MissingBucket_RegionCheck_FailsAsDoesNotExist()
    {
        using var deadline = new CancellationTokenSource(TestTimeout);
        IntegrationSession session = await ConnectAsync(deadline.Token);
        var inputs = new SetupInputs { AwsRegion = session.Settings.Region, BucketName = IntegrationResources.NewName() };

        IReadOnlyList<SetupCheck> checks = await InspectAsync(session, inputs, deadline.Token);

        SetupCheck region = Verdicts.Of(checks, LiveCheckIds.BucketRegion);
        Assert.Equal(CheckState.Fail, region.State);
        Assert.Contains("does not exist", region.Finding, StringComparison.Ordinal);
    }

    [IntegrationFact(IntegrationRequirement.ExistingScenario)]
    public async Task ExistingScenario_BucketAndKeyChecks_Pass()
    {
        using var deadline = new CancellationTokenSource(TestTimeout);
        IntegrationSession session = await ConnectAsync(deadline.Token);
        SetupInputs inputs = ExistingInputs(session.Settings);

        IReadOnlyList<SetupCheck> checks = await InspectAsync(session, inputs, deadline.Token);

        Verdicts.AssertPass(
            checks,
            LiveCheckIds.BucketRegion,
            LiveCheckIds.BucketEncryption,
            LiveCheckIds.KeyResolves,
            LiveCheckIds.KeyRegion,
            LiveCheckIds.KeySpec,
            LiveCheckIds.KeyState,
            LiveCheckIds.KeyManager,
            LiveCheckIds.KeyPolicyIam);
        // Without ICAKMS_IT_PREFIX there is no folder to look for, and the check says so.
        Verdicts.AssertState(checks, inputs.KeyPrefix.Length > 0 ? CheckState.Pass : CheckState.NotChecked, LiveCheckIds.PrefixFolder);
    }

    [IntegrationFact(IntegrationRequirement.ExistingScenario)]
    public async Task ExistingScenario_VersioningCheck_PassesOnlyForTheBucketsVariant()
    {
        using var deadline = new CancellationTokenSource(TestTimeout);
        IntegrationSession session = await ConnectAsync(deadline.Token);
        SetupInputs inputs = ExistingInputs(session.Settings);
        LiveSnapshot snapshot = await session.InspectAsync(inputs, deadline.Token);
        Assert.True(snapshot.Versioning.Succeeded, snapshot.Versioning.Failure?.Message);
        PolicyVariant needed = IcaIamPolicy.VariantFor(snapshot.Versioning.Value);
        PolicyVariant other = needed == PolicyVariant.Versioned ? PolicyVariant.Unversioned : PolicyVariant.Versioned;

        SetupCheck right = Verdicts.Of(LiveChecks.Evaluate(snapshot, InspectionRequest.Create(inputs with { Variant = needed })), LiveCheckIds.BucketVersioning);
        SetupCheck wrong = Verdicts.Of(LiveChecks.Evaluate(snapshot, InspectionRequest.Create(inputs with { Variant = other })), LiveCheckIds.BucketVersioning);

        Assert.Equal(CheckState.Pass, right.State);
        Assert.Equal(CheckState.Fail, wrong.State);
    }

    [IntegrationFact(IntegrationRequirement.ExistingIamUser)]
    public async Task ExistingIamUser_IamPolicyCheck_Passes()
    {
        using var deadline = new CancellationTokenSource(TestTimeout);
        IntegrationSession session = await ConnectAsync(deadline.Token);
        string user = session.Settings.IamUser!;
        SetupInputs probe = ExistingInputs(session.Settings) with { IamUserName = user };
        LiveSnapshot first = await session.InspectAsync(probe, deadline.Token);
        // The policy the user needs follows the bucket's versioning, as the wizard's step 2 does.
        SetupInputs inputs = probe with { Variant = IcaIamPolicy.VariantFor(first.Versioning.Value) };

        IReadOnlyList<SetupCheck> checks = LiveChecks.Evaluate(first, InspectionRequest.Create(inputs));

        Verdicts.AssertPass(checks, LiveCheckIds.BucketVersioning, LiveCheckIds.IamPolicy, LiveCheckIds.KeyPolicyIam);
    }

    private static Task<IntegrationSession> ConnectAsync(CancellationToken cancellationToken) =>
        IntegrationSession.ConnectAsync(IntegrationSettings.FromEnvironment(), cancellationToken);

    private static SetupInputs ExistingInputs(IntegrationSettings settings) => new()
    {
        AwsRegion = settings.Region,
        BucketName = settings.Bucket!,
        KeyArn = settings.KeyArn!,
        KeyPrefix = settings.Prefix,
    };

    private static async Task<IReadOnlyList<SetupCheck>> InspectAsync(
        IntegrationSession session, SetupInputs inputs, CancellationToken cancellationToken)
    {
        LiveSnapshot snapshot = await session.InspectAsync(inputs, cancellationToken);
        return LiveChecks.Evaluate(snapshot, InspectionRequest.Create(inputs));
    }

    [GeneratedRegex(@"^\d{12}$")]
    private static partial Regex AccountId();
}
