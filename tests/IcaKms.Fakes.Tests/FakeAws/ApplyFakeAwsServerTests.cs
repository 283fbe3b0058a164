using Amazon.Runtime;
using IcaKms.Core;
using IcaKms.Core.Aws;
using IcaKms.Core.Checks;
using IcaKms.Core.Applying;
using IcaKms.Core.Planning;
using IcaKms.Core.Setup;
using IcaKms.FakeAws;
using Microsoft.Extensions.DependencyInjection;
using IcaKms.Core.Adapters.Aws;
using IcaKms.Core.Adapters;

namespace IcaKms.Fakes.Tests.FakeAws;

/// <summary>
/// Plans applied through the app's real gateways (AWS SDK clients, IAM Query client) against the loopback fake, whose
/// state the writes change: from an empty account to a setup every check passes, a failure in the middle of a plan,
/// and a key policy changed between plan and apply.
/// </summary>
public sealed class ApplyFakeAwsServerTests
{
    private const string Region = "us-east-1";
    private const string Bucket = "lab-ica-apply";
    private const string User = "ica-storage";
    private const string Role = "arn:aws:iam::079623148045:role/ica_use1_crossacct";

    private static FakeAwsScenario EmptyAccount() => new()
    {
        Region = Region,
        BucketName = Bucket,
        BucketExists = false,
        Keys = [],
        ExistingPrefixes = [],
        UserPolicies = new Dictionary<string, IReadOnlyList<string>>(),
        PolicyDocuments = new Dictionary<string, string>(),
    };

    private static SetupInputs Inputs(string keyArn = "") => new()
    {
        AwsRegion = Region,
        BucketName = Bucket,
        KeyArn = keyArn,
        KeyPrefix = "ica/",
        IamUserName = User,
        ConfigurationName = "lab-kms",
        CrossAccountCopy = true,
        CrossAccountRoleArn = Role,
    };

    [Fact]
    public async Task AnEmptyAccount_BecomesASetupEveryCheckPasses_AndASecondRunPlansNothing()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(EmptyAccount());
        var app = new App(aws);

        ApplyResult key = await app.ApplyAsync(KeyPlanner.Plan(InspectionRequest.Create(Inputs())));
        Assert.True(key.Succeeded, Describe(key));
        string keyArn = Assert.IsType<string>(key.CreatedKeyArn);
        SetupInputs inputs = Inputs(keyArn);

        foreach (Func<InspectionRequest, LiveSnapshot, Task<SetupPlan>> planner in app.Planners)
        {
            (InspectionRequest request, LiveSnapshot snapshot) = await app.InspectAsync(inputs);
            SetupPlan plan = await planner(request, snapshot);
            Assert.Empty(plan.Blockers);
            Assert.NotEmpty(plan.Changes);
            ApplyResult applied = await app.ApplyAsync(plan);
            Assert.True(applied.Succeeded, Describe(applied));
        }

        VerificationResult verified = await SetupVerification.RunAsync(app.Gateways.S3, Bucket, "ica/", keyArn, CancellationToken.None);
        Assert.True(verified.Passed, verified.Message);

        (InspectionRequest after, LiveSnapshot state) = await app.InspectAsync(inputs);
        IReadOnlyList<SetupCheck> checks = LiveChecks.Evaluate(state, after);
        foreach (string id in new[] { LiveCheckIds.BucketRegion, LiveCheckIds.BucketEncryption, LiveCheckIds.BucketKey, LiveCheckIds.PrefixFolder, LiveCheckIds.ObjectOwnership,
            LiveCheckIds.PublicAccess, LiveCheckIds.KeyResolves, LiveCheckIds.KeyManager, LiveCheckIds.IamPolicy, LiveCheckIds.KeyPolicyIam, LiveCheckIds.KeyPolicyCrossAccount })
        {
            SetupCheck check = checks.Single(c => c.Id == id);
            Assert.True(check.State == CheckState.Pass, $"{id}: {check.State}: {check.Finding}");
        }

        foreach (Func<InspectionRequest, LiveSnapshot, Task<SetupPlan>> planner in app.Planners)
        {
            SetupPlan again = await planner(after, state);
            Assert.True(again.IsEmpty, string.Join("; ", again.Changes.Select(c => c.Title)));
        }
    }

    [Fact]
    public async Task AFailureInTheMiddle_StopsThePlan_AndSaysWhatWasAndWasNotDone()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(EmptyAccount() with
        {
            DeniedActions = new HashSet<string>(StringComparer.Ordinal) { "s3:PutBucketOwnershipControls" },
        });
        var app = new App(aws);
        string keyArn = (await app.ApplyAsync(KeyPlanner.Plan(InspectionRequest.Create(Inputs())))).CreatedKeyArn!;
        (InspectionRequest request, LiveSnapshot snapshot) = await app.InspectAsync(Inputs(keyArn));

        ApplyResult result = await app.ApplyAsync(BucketPlanner.Plan(request, snapshot));

        Assert.Equal(
            [ChangeOutcome.Done, ChangeOutcome.Done, ChangeOutcome.Done, ChangeOutcome.Failed, ChangeOutcome.NotDone],
            result.Changes.Select(c => c.Outcome));
        Assert.Contains("s3:PutBucketOwnershipControls", result.Failure!.Message, StringComparison.Ordinal);
        Assert.Null(aws.Bucket(Bucket)!.Current("ica/"));
    }

    [Fact]
    public async Task AKeyPolicyChangedSinceThePlan_IsNotOverwritten()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(EmptyAccount());
        var app = new App(aws);
        string keyArn = (await app.ApplyAsync(KeyPlanner.Plan(InspectionRequest.Create(Inputs())))).CreatedKeyArn!;
        (InspectionRequest request, LiveSnapshot snapshot) = await app.InspectAsync(Inputs(keyArn));
        SetupPlan plan = KeyPolicyPlanner.Plan(request, snapshot, app.CallerArn);
        string meanwhile = snapshot.KeyPolicy.Value!.Replace("Enable IAM User Permissions", "changed-by-someone", StringComparison.Ordinal);
        Assert.NotEqual(snapshot.KeyPolicy.Value, meanwhile);
        Assert.True((await app.Gateways.Kms.PutKeyPolicyAsync(keyArn, meanwhile)).Succeeded);

        ApplyResult result = await app.ApplyAsync(plan);

        Assert.Contains("changed since the plan", result.Failure!.Message, StringComparison.Ordinal);
        Assert.Contains("changed-by-someone", (await app.Gateways.Kms.GetKeyPolicyAsync(keyArn)).Value, StringComparison.Ordinal);
    }

    private static string Describe(ApplyResult result) =>
        string.Join(" | ", result.Changes.Select(c => $"{c.Outcome}: {c.Change.Title}: {c.Message}"));

    /// <summary>The app's way in, pointed at the fake: its gateways, its inspection, its planners and its applier.</summary>
    private sealed class App
    {
        private readonly IAwsGatewayFactory _factory;
        private readonly AwsSession _session;

        public App(FakeAwsServer aws)
        {
            _factory = new ServiceCollection().AddIcaKmsCore(_ => new AwsClientSettings { Endpoint = aws.Url }).BuildServiceProvider().GetRequiredService<IAwsGatewayFactory>();
            CallerArn = aws.Scenario.Credentials[FakeAwsScenario.DefaultAccessKeyId];
            _session = new AwsSession(AwsSessionSource.Pasted, new SessionAWSCredentials(FakeAwsScenario.DefaultAccessKeyId, "secret", "token"),
                new CallerIdentity(aws.Scenario.AccountId, CallerArn, "AROAEXAMPLE:admin"), null);
            Gateways = _factory.Create(_session, Region);
        }

        public string CallerArn { get; }

        public AwsGateways Gateways { get; }

        /// <summary>Step 1's, step 2's and step 4's planners, in the wizard's order.</summary>
        public IReadOnlyList<Func<InspectionRequest, LiveSnapshot, Task<SetupPlan>>> Planners =>
        [
            (request, snapshot) => Task.FromResult(BucketPlanner.Plan(request, snapshot)),
            async (request, snapshot) =>
            {
                IamPlanFacts facts = await IamPlanReader.ReadAsync(Gateways.Iam, request.IamUserName!, request.PolicyArn, request.BucketName!, CallerArn, CancellationToken.None);
                bool granted = LiveChecks.Evaluate(snapshot, request).Single(c => c.Id == LiveCheckIds.IamPolicy).State == CheckState.Pass;
                return IamPlanner.Plan(request, granted, facts);
            },
            (request, snapshot) => Task.FromResult(KeyPolicyPlanner.Plan(request, snapshot, CallerArn)),
        ];

        public async Task<(InspectionRequest Request, LiveSnapshot Snapshot)> InspectAsync(SetupInputs inputs)
        {
            var request = InspectionRequest.Create(inputs);
            LiveSnapshot snapshot = await Inspection.RunAsync(Gateways, request, s3InRegion: region => _factory.Create(_session, region).S3);
            return (request, snapshot);
        }

        public Task<ApplyResult> ApplyAsync(SetupPlan plan) => SetupApplier.ApplyAsync(Gateways, plan, CallerArn, TimeProvider.System);
    }
}
