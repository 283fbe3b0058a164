using System.Diagnostics;
using Amazon.Runtime;
using IcaKms.Core;
using IcaKms.Core.Aws;
using IcaKms.Core.Checks;
using IcaKms.Core.Planning;
using IcaKms.Core.Setup;
using IcaKms.FakeAws;
using Microsoft.Extensions.DependencyInjection;
using IcaKms.Core.Adapters.Aws;
using IcaKms.Core.Adapters;

namespace IcaKms.Fakes.Tests.FakeAws;

/// <summary>
/// IAM's writes through the app's IAM Query client against the loopback fake: users, managed policies and their
/// versions, attachments, and what the reads (and the inspection) see afterwards.
/// </summary>
public sealed class IamWritesFakeAwsServerTests
{
    private const string Account = FakeAwsScenario.DefaultAccountId;
    private const string Region = "eu-west-2";
    private const string Bucket = "lab-ica-data";
    private const string KeyArn = $"arn:aws:kms:{Region}:{Account}:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    private const string User = "ica-user";

    [Fact]
    public async Task CreateUser_CreatePolicy_Attach_AreSeenByTheReadsAndTheInspection()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(EmptyIamScenario());
        IIamGateway iam = Gateways(aws).Iam;
        string document = FakeAwsScenario.SpecIamPolicy(Bucket, KeyArn, versioned: false);

        Result<IamUser, AwsFailure> before = await iam.GetUserAsync(User);
        Result<IamUser, AwsFailure> created = await iam.CreateUserAsync(User);
        Result<IamUser, AwsFailure> after = await iam.GetUserAsync(User);
        Result<CreatedPolicy, AwsFailure> policy = await iam.CreatePolicyAsync("ica-sse-kms", document, "ICA storage");
        Result<UserPolicyAttachment, AwsFailure> attached = await iam.AttachUserPolicyAsync(User, policy.Value!.PolicyArn);

        Assert.Equal(AwsFailureKind.NotFound, before.Failure?.Kind);
        Assert.Equal(new IamUser(User, created.Value!.UserId, $"arn:aws:iam::{Account}:user/{User}"), created.Value);
        Assert.Equal(created.Value, after.Value);
        Assert.Equal(new CreatedPolicy("ica-sse-kms", $"arn:aws:iam::{Account}:policy/ica-sse-kms", "v1"), policy.Value);
        Assert.True(attached.Succeeded, attached.Failure?.Message);
        Assert.Equal([new AttachedPolicy("ica-sse-kms", policy.Value.PolicyArn)], (await iam.ListAttachedUserPoliciesAsync(User)).Value);
        Assert.Equal(new ManagedPolicyVersion(policy.Value.PolicyArn, "v1", document), (await iam.GetPolicyDefaultVersionAsync(policy.Value.PolicyArn)).Value);
        Assert.Equal([], (await iam.ListUserPoliciesAsync(User)).Value);
        Assert.Equal([], (await iam.ListGroupsForUserAsync(User)).Value);

        // The live check reads the new user's policy and finds the spec's policy there.
        SetupCheck check = Verdict(await InspectAsync(aws, Inputs() with { IamUserName = User }), LiveCheckIds.IamPolicy);
        Assert.Equal(CheckState.Pass, check.State);
    }

    [Fact]
    public async Task CreateAccessKey_ReturnsTheSecretOnce_AndRefusesAThirdKey()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(new FakeAwsScenario { Region = Region });
        IIamGateway iam = Gateways(aws).Iam;
        const string user = FakeAwsScenario.DefaultIamUserName;

        Result<CreatedAccessKey, AwsFailure> first = await iam.CreateAccessKeyAsync(user);
        Result<CreatedAccessKey, AwsFailure> second = await iam.CreateAccessKeyAsync(user);
        Result<CreatedAccessKey, AwsFailure> third = await iam.CreateAccessKeyAsync(user);
        Result<CreatedAccessKey, AwsFailure> nobody = await iam.CreateAccessKeyAsync("no-such-user");

        Assert.StartsWith("AKIA", first.Value!.AccessKeyId, StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(first.Value.SecretAccessKey))), aws.AccessKeySecretDigest(first.Value.AccessKeyId));
        Assert.DoesNotContain(first.Value.SecretAccessKey, first.Value.ToString(), StringComparison.Ordinal);
        Assert.Equal([first.Value.AccessKeyId, second.Value!.AccessKeyId], (await iam.ListAccessKeysAsync(user)).Value);
        Assert.Equal(AwsFailureKind.LimitExceeded, third.Failure?.Kind);
        Assert.Contains("already holds 2 access keys", third.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(AwsFailureKind.NotFound, nobody.Failure?.Kind);
        Assert.Equal(1, aws.Requests.Count(r => r.Operation == "iam:CreateAccessKey" && r.StatusCode == 409));
    }

    [Fact]
    public async Task CreatingAgain_FailsAlreadyExists_AndAttachingAgainChangesNothing()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(new FakeAwsScenario { Region = Region });
        IIamGateway iam = Gateways(aws).Iam;
        string defaultPolicyArn = aws.Scenario.DefaultPolicyArn;

        Result<IamUser, AwsFailure> user = await iam.CreateUserAsync(FakeAwsScenario.DefaultIamUserName);
        Result<CreatedPolicy, AwsFailure> policy = await iam.CreatePolicyAsync(FakeAwsScenario.DefaultPolicyName, "{\"Version\":\"2012-10-17\",\"Statement\":[]}", null);
        Result<UserPolicyAttachment, AwsFailure> attach = await iam.AttachUserPolicyAsync(FakeAwsScenario.DefaultIamUserName, defaultPolicyArn);

        Assert.Equal((AwsFailureKind.AlreadyExists, "EntityAlreadyExists"), (user.Failure!.Kind, user.Failure.ErrorCode));
        Assert.Equal((AwsFailureKind.AlreadyExists, "EntityAlreadyExists"), (policy.Failure!.Kind, policy.Failure.ErrorCode));
        Assert.True(attach.Succeeded, attach.Failure?.Message);
        Assert.Equal([defaultPolicyArn], (await iam.ListAttachedUserPoliciesAsync(FakeAwsScenario.DefaultIamUserName)).Value!.Select(p => p.PolicyArn));
        Assert.Equal(
            [("iam:CreateUser", 409), ("iam:CreatePolicy", 409), ("iam:AttachUserPolicy", 200), ("iam:ListAttachedUserPolicies", 200)],
            aws.Requests.Select(request => (request.Operation, request.StatusCode)));
    }

    [Fact]
    public async Task FiveVersions_TheSixthFailsLimitExceeded_UntilTheOldestNonDefaultIsDeleted()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(new FakeAwsScenario { Region = Region });
        IIamGateway iam = Gateways(aws).Iam;
        string arn = aws.Scenario.DefaultPolicyArn;
        for (int i = 2; i <= 5; i++)
        {
            Result<PolicyVersionInfo, AwsFailure> added = await iam.CreatePolicyVersionAsync(arn, DocumentWithSid($"version{i}"));
            Assert.Equal(($"v{i}", true), (added.Value!.VersionId, added.Value.IsDefaultVersion));
        }

        Result<PolicyVersionInfo, AwsFailure> sixth = await iam.CreatePolicyVersionAsync(arn, DocumentWithSid("version6"));
        IReadOnlyList<PolicyVersionInfo> versions = (await iam.ListPolicyVersionsAsync(arn)).Value!;
        var plan = PolicyVersionPlan.For(versions);
        Result<DeletedPolicyVersion, AwsFailure> deleteDefault = await iam.DeletePolicyVersionAsync(arn, "v5");
        Result<DeletedPolicyVersion, AwsFailure> deleteOldest = await iam.DeletePolicyVersionAsync(arn, plan.DeleteFirst!.VersionId);
        Result<PolicyVersionInfo, AwsFailure> retried = await iam.CreatePolicyVersionAsync(arn, DocumentWithSid("version6"));

        Assert.Equal((AwsFailureKind.LimitExceeded, "LimitExceeded"), (sixth.Failure!.Kind, sixth.Failure.ErrorCode));
        Assert.Equal(["v5", "v4", "v3", "v2", "v1"], versions.Select(v => v.VersionId));
        Assert.Equal(["v5"], versions.Where(v => v.IsDefaultVersion).Select(v => v.VersionId));
        Assert.Equal("v1", plan.DeleteFirst.VersionId);
        Assert.Equal((AwsFailureKind.Conflict, "DeleteConflict"), (deleteDefault.Failure!.Kind, deleteDefault.Failure.ErrorCode));
        Assert.True(deleteOldest.Succeeded, deleteOldest.Failure?.Message);
        Assert.Equal(("v6", true), (retried.Value!.VersionId, retried.Value.IsDefaultVersion));
        Assert.Equal(["v6", "v5", "v4", "v3", "v2"], (await iam.ListPolicyVersionsAsync(arn)).Value!.Select(v => v.VersionId));
        Assert.Equal(new ManagedPolicyVersion(arn, "v6", DocumentWithSid("version6")), (await iam.GetPolicyDefaultVersionAsync(arn)).Value);
    }

    [Fact]
    public async Task AWriteThatTimesOut_IsSentOnce_AndMayStillHappen()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(EmptyIamScenario());
        // 2 s, not 300 ms: on a loaded machine a cold write could give up before its request left the client, and then the
        // fake never sees it. The fake holds the request, so the outcome is a timeout whatever the figure.
        IIamGateway iam = Gateways(aws, timeout: TimeSpan.FromSeconds(2)).Iam;
        aws.HoldRequests();

        Result<IamUser, AwsFailure> created = await iam.CreateUserAsync(User);

        Assert.Equal(AwsFailureKind.Timeout, created.Failure?.Kind);
        Assert.Contains("IAM may still have applied it", created.Failure!.Message, StringComparison.Ordinal);

        // On a cold, busy machine the client can give up before its request has even reached the fake: wait for it to
        // arrive, then let it be answered after the client gave up: the user exists although the call "failed".
        await aws.WaitUntilAsync(() => aws.HeldRequests >= 1, "the write reaching the fake");
        aws.ReleaseRequests();
        await aws.WaitUntilAsync(() => aws.Requests.Count >= 1, "the write being answered");
        Assert.Equal(1, aws.RequestCount); // sent once: a write is never retried
        Assert.True((await iam.GetUserAsync(User)).Succeeded);
    }

    [Fact]
    public async Task AReadThatTimesOut_IsSentTwice()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(EmptyIamScenario());
        // A first read, answered and with the default time, warms the code (JIT, signing, HTTP): cold, an attempt can use up
        // its 300 ms before its request is even sent (measured: both tries of a cold read timed out), and then the fake never sees it.
        Assert.Equal(AwsFailureKind.NotFound, (await Gateways(aws).Iam.GetUserAsync(User)).Failure?.Kind);
        // Each try gets 2 s: with 300 ms a try on a loaded 2-core machine (one core kept busy, the suite on the other) gave
        // up before its request left the client, and the fake never saw the retry. The fake holds every request, so the
        // outcome is a timeout whatever the figure; only how long the test takes depends on it.
        IIamGateway iam = Gateways(aws, timeout: TimeSpan.FromSeconds(2)).Iam;
        int before = aws.RequestCount;
        aws.HoldRequests();

        Result<IamUser, AwsFailure> user = await iam.GetUserAsync(User);

        Assert.Equal(AwsFailureKind.Timeout, user.Failure?.Kind);

        // The client can still give up on a try before its request has reached the fake: wait for both to arrive, then
        // count: a read is retried once.
        await aws.WaitUntilAsync(() => aws.HeldRequests >= 2, "the read and its retry reaching the fake");
        Assert.Equal(2, aws.RequestCount - before);
        aws.ReleaseRequests();
    }

    [Fact]
    public async Task DeniedAndRefusedWrites_ChangeNothing()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(new FakeAwsScenario
        {
            Region = Region,
            DeniedActions = new HashSet<string> { "iam:CreatePolicyVersion" },
        });
        IIamGateway iam = Gateways(aws).Iam;
        string arn = aws.Scenario.DefaultPolicyArn;

        Result<PolicyVersionInfo, AwsFailure> denied = await iam.CreatePolicyVersionAsync(arn, DocumentWithSid("denied"));
        Result<CreatedPolicy, AwsFailure> malformed = await iam.CreatePolicyAsync("broken", "{\"Statement\": [", null);
        int sent = aws.RequestCount;
        Result<CreatedPolicy, AwsFailure> tooLarge = await iam.CreatePolicyAsync("huge", DocumentWithSid(new string('x', 6200)), null);

        Assert.Equal((AwsFailureKind.AccessDenied, "iam:CreatePolicyVersion"), (denied.Failure!.Kind, denied.Failure.Action));
        Assert.Equal((AwsFailureKind.InvalidDocument, "MalformedPolicyDocument"), (malformed.Failure!.Kind, malformed.Failure.ErrorCode));
        Assert.Contains("Syntax errors in policy.", malformed.Failure.Message, StringComparison.Ordinal);
        Assert.Equal((AwsFailureKind.InvalidDocument, null), (tooLarge.Failure!.Kind, tooLarge.Failure.ErrorCode));
        Assert.Equal(sent, aws.RequestCount);
        Assert.Equal(["v1"], (await iam.ListPolicyVersionsAsync(arn)).Value!.Select(v => v.VersionId));
        Assert.Equal(AwsFailureKind.NotFound, (await iam.GetPolicyDefaultVersionAsync($"arn:aws:iam::{Account}:policy/broken")).Failure?.Kind);
    }

    private static string DocumentWithSid(string sid) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Sid":"{{sid}}","Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::{{Bucket}}"}]}""";

    /// <summary>The bucket and key of the app's inputs, and an IAM without users or managed policies.</summary>
    private static FakeAwsScenario EmptyIamScenario() => new()
    {
        Region = Region,
        BucketName = Bucket,
        Keys = [new FakeKmsKey(KeyArn) { Alias = "alias/lab-key" }],
        UserPolicies = new Dictionary<string, IReadOnlyList<string>>(),
        PolicyDocuments = new Dictionary<string, string>(),
    };

    private static SetupInputs Inputs() => new() { AwsRegion = Region, BucketName = Bucket, KeyArn = KeyArn, KeyPrefix = "ica/" };

    private static async Task<IReadOnlyList<SetupCheck>> InspectAsync(FakeAwsServer aws, SetupInputs inputs)
    {
        IAwsGatewayFactory factory = Factory(aws);
        AwsSession session = Session(aws);
        var request = InspectionRequest.Create(inputs);
        LiveSnapshot snapshot = await Inspection.RunAsync(factory.Create(session, Region), request, s3InRegion: region => factory.Create(session, region).S3);
        return LiveChecks.Evaluate(snapshot, request);
    }

    private static SetupCheck Verdict(IReadOnlyList<SetupCheck> checks, string id) => checks.Single(c => c.Id == id);

    /// <summary>The app's factory pointed at the fake: SDK clients by endpoint override, IAM by its Query client.</summary>
    private static IAwsGatewayFactory Factory(FakeAwsServer aws, TimeSpan? timeout = null) =>
        new ServiceCollection()
            .AddIcaKmsCore(_ => new AwsClientSettings { Endpoint = aws.Url, Timeout = timeout ?? TimeSpan.FromSeconds(10) })
            .BuildServiceProvider()
            .GetRequiredService<IAwsGatewayFactory>();

    private static AwsSession Session(FakeAwsServer aws) => new(
        AwsSessionSource.Pasted,
        new SessionAWSCredentials(FakeAwsScenario.DefaultAccessKeyId, "fake-secret", "fake-token"),
        new CallerIdentity(Account, aws.Scenario.Credentials[FakeAwsScenario.DefaultAccessKeyId], "AROAEXAMPLE:admin"),
        null);

    private static AwsGateways Gateways(FakeAwsServer aws, TimeSpan? timeout = null) =>
        Factory(aws, timeout).Create(Session(aws), Region);
}
