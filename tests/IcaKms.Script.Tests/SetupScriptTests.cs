using System.Text.Json;
using Amazon.Runtime;
using IcaKms.Core;
using IcaKms.Core.Aws;
using IcaKms.Core.Checks;
using IcaKms.Core.Planning;
using IcaKms.Core.Setup;
using IcaKms.FakeAws;
using IcaKms.Core.Adapters.Aws;

namespace IcaKms.Script.Tests;

/// <summary>
/// The generated setup script, run by the real AWS CLI against the loopback fake AWS: twice in a row, and again after a
/// failure injected half-way; then IcaKms's own inspection and live checks over the result, and a count of what exists.
/// </summary>
public sealed class SetupScriptTests
{
    private const string Region = "us-east-1";
    private const string Bucket = "lab-ica-script";
    private const string User = "ica-storage";
    private const string Role = "arn:aws:iam::079623148045:role/ica_use1_crossacct";
    private const string OtherStatement = """{"Sid":"Keep me","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/auditor"},"Action":"kms:DescribeKey","Resource":"*"}""";

    internal static FakeAwsScenario EmptyAccount() => new()
    {
        Region = Region,
        BucketName = Bucket,
        BucketExists = false,
        Keys = [],
        ExistingPrefixes = [],
        ObjectOwnership = null,
        PublicAccessBlock = null,
        UserPolicies = new Dictionary<string, IReadOnlyList<string>>(),
        PolicyDocuments = new Dictionary<string, string>(),
    };

    private static SetupInputs Inputs(string keyArn = "", string prefix = "ica/", bool crossAccount = true, string policyArn = "") => new()
    {
        AwsRegion = Region,
        BucketName = Bucket,
        KeyArn = keyArn,
        KeyPrefix = prefix,
        IamUserName = User,
        PolicyArn = policyArn,
        ConfigurationName = "lab-kms",
        CrossAccountCopy = crossAccount,
        CrossAccountRoleArn = crossAccount ? Role : "",
    };

    /// <summary>The scenario's account, the wizard's inputs, and the action refused half-way through the first run.</summary>
    internal static (FakeAwsScenario Scenario, SetupInputs Inputs, string FailingAction) Scenario(string name)
    {
        FakeAwsScenario empty = EmptyAccount();
        string keyArn = empty.DefaultKeyArn;
        return name switch
        {
            "empty account" => (empty, Inputs(), "iam:CreatePolicy"),
            "existing key with other statements" => (
                empty with { Keys = [empty.DefaultKey with { Policy = DefaultPolicyWith(empty.AccountId, OtherStatement) }] },
                Inputs(keyArn, prefix: "runs/"),
                "kms:PutKeyPolicy"),
            "existing policy ARN" => (
                empty with { Keys = [empty.DefaultKey], PolicyDocuments = new Dictionary<string, string> { [empty.DefaultPolicyArn] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}""" } },
                Inputs(keyArn, crossAccount: false, policyArn: empty.DefaultPolicyArn),
                "iam:CreatePolicyVersion"),
            _ => (empty, Inputs(prefix: "", crossAccount: false), "s3:PutBucketOwnershipControls"),
        };
    }

    [AwsCliFact]
    public async Task Script_RunsToTheEnd_Twice_AndLeavesASetupEveryCheckPasses()
    {
        (FakeAwsScenario scenario, SetupInputs inputs, _) = Scenario("empty account");
        await using FakeAwsServer aws = FakeAwsServer.Start(scenario);
        using var cli = new AwsCli(aws.Url, FakeAwsScenario.DefaultAccessKeyId);
        string script = OfflineSetup.For(inputs, SetupValidation.Of(inputs)).ToBash();

        (int first, string firstOutput) = await cli.RunAsync(script);
        Assert.True(first == 0, firstOutput);
        await RunAgainChangingNothingAsync(aws, cli, script);

        await AssertSetupAsync(aws, scenario, inputs);
    }

    /// <summary>Runs the script once more: it ends well, and creates, deletes or merges nothing (the verification's test object aside).</summary>
    internal static async Task RunAgainChangingNothingAsync(FakeAwsServer aws, AwsCli cli, string script)
    {
        int before = aws.Requests.Count;
        (int exit, string output) = await cli.RunAsync(script);
        Assert.True(exit == 0, output);
        Assert.Contains("already exists", output, StringComparison.Ordinal);
        string[] writes = [.. aws.Requests.Skip(before).Select(r => r.Operation)
            .Where(o => o.Contains(":Create", StringComparison.Ordinal) || o.Contains(":Delete", StringComparison.Ordinal) || o == "kms:PutKeyPolicy")
            .Where(o => o != "s3:DeleteObject")];
        Assert.True(writes.Length == 0, $"The second run wrote: {string.Join(", ", writes)}\n{output}");
    }

    /// <summary>The first run fails where <paramref name="name"/>'s action is refused; run again it continues, then a third run changes nothing.</summary>
    internal static async Task FailureHalfWay_ThenRunAgain_EndsInTheSameSetupAsync(string name)
    {
        (FakeAwsScenario scenario, SetupInputs inputs, string failing) = Scenario(name);
        await using FakeAwsServer aws = FakeAwsServer.Start(scenario);
        using var cli = new AwsCli(aws.Url, FakeAwsScenario.DefaultAccessKeyId);
        string script = OfflineSetup.For(inputs, SetupValidation.Of(inputs)).ToBash();

        aws.Refuse(failing);
        (int failed, string failedOutput) = await cli.RunAsync(script);
        Assert.True(failed != 0, failedOutput);
        Assert.Contains("AccessDenied", failedOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(aws.Requests, r => r.PathAndQuery.Contains("icakms-verification", StringComparison.Ordinal));
        aws.Allow(failing);
        (int again, string againOutput) = await cli.RunAsync(script);
        Assert.True(again == 0, againOutput);
        await RunAgainChangingNothingAsync(aws, cli, script);

        await AssertSetupAsync(aws, scenario, inputs);
    }

    // IcaKms's inspection and live checks over what the script left, and nothing more than one setup's worth of it.
    internal static async Task AssertSetupAsync(FakeAwsServer aws, FakeAwsScenario scenario, SetupInputs given)
    {
        string keyArn = given.KeyArn.Length > 0 ? given.KeyArn : Assert.Single(aws.Keys).KeyArn;
        Assert.Equal(scenario.Keys.Count + (given.KeyArn.Length > 0 ? 0 : 1), aws.Keys.Count);
        SetupInputs inputs = given with { KeyArn = keyArn };
        var factory = AwsClientFactory.WithIamQueryClient(new AwsClientSettings { Endpoint = aws.Url });
        string caller = scenario.Credentials[FakeAwsScenario.DefaultAccessKeyId];
        var session = new AwsSession(AwsSessionSource.Pasted, new SessionAWSCredentials(FakeAwsScenario.DefaultAccessKeyId, "secret", "token"),
            new CallerIdentity(scenario.AccountId, caller, "AROAEXAMPLE:admin"), null);
        AwsGateways gateways = factory.Create(session, Region);
        var request = InspectionRequest.Create(inputs);
        LiveSnapshot snapshot = await Inspection.RunAsync(gateways, request, s3InRegion: region => factory.Create(session, region).S3);

        IReadOnlyList<SetupCheck> checks = LiveChecks.Evaluate(snapshot, request);
        var expected = new List<string> { LiveCheckIds.BucketRegion, LiveCheckIds.BucketEncryption, LiveCheckIds.BucketKey, LiveCheckIds.ObjectOwnership,
            LiveCheckIds.PublicAccess, LiveCheckIds.KeyResolves, LiveCheckIds.KeyManager, LiveCheckIds.IamPolicy, LiveCheckIds.KeyPolicyIam };
        if (inputs.KeyPrefix.Length > 0)
        {
            expected.Add(LiveCheckIds.PrefixFolder);
        }

        if (inputs.CrossAccountCopy)
        {
            expected.Add(LiveCheckIds.KeyPolicyCrossAccount);
        }

        foreach (string id in expected)
        {
            SetupCheck check = checks.Single(c => c.Id == id);
            Assert.True(check.State == CheckState.Pass, $"{id}: {check.State}: {check.Finding}");
        }

        string policyArn = inputs.PolicyArn.Length > 0 ? inputs.PolicyArn : $"arn:aws:iam::{scenario.AccountId}:policy/{SetupNames.PolicyName(Bucket)}";
        IReadOnlyList<PolicyVersionInfo> versions = (await gateways.Iam.ListPolicyVersionsAsync(policyArn)).Value!;
        Assert.Equal(scenario.PolicyDocuments.ContainsKey(policyArn) ? 2 : 1, versions.Count);

        using JsonDocument keyPolicy = JsonDocument.Parse((await gateways.Kms.GetKeyPolicyAsync(keyArn)).Value!);
        string?[] sids = [.. keyPolicy.RootElement.GetProperty("Statement").EnumerateArray().Select(s => s.TryGetProperty("Sid", out JsonElement sid) ? sid.GetString() : null)];
        string?[] before = [.. (scenario.Keys.SingleOrDefault(k => k.KeyArn == keyArn)?.Policy is { } original
            ? JsonDocument.Parse(original).RootElement.GetProperty("Statement").EnumerateArray().Select(s => s.TryGetProperty("Sid", out JsonElement sid) ? sid.GetString() : null)
            : ["Enable IAM User Permissions"])];
        Assert.Equal(string.Join(" | ", [.. before, .. inputs.CrossAccountCopy ? new[] { "Allow cross account access" } : []]), string.Join(" | ", sids));
    }

    private static string DefaultPolicyWith(string account, string statement) =>
        $$"""{"Version":"2012-10-17","Id":"key-default-1","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{account}}:root"},"Action":"kms:*","Resource":"*"},{{statement}}]}""";
}

// One class per scenario, so xunit runs them side by side (each run of the real CLI is slow to start).
public sealed class EmptyAccountScriptTests
{
    [AwsCliFact]
    public Task Script_AfterAFailureHalfWay_ContinuesWhereItStopped() => SetupScriptTests.FailureHalfWay_ThenRunAgain_EndsInTheSameSetupAsync("empty account");
}

public sealed class ExistingKeyScriptTests
{
    [AwsCliFact]
    public Task Script_AfterAFailureHalfWay_ContinuesWhereItStopped_KeepingEveryOtherStatement() => SetupScriptTests.FailureHalfWay_ThenRunAgain_EndsInTheSameSetupAsync("existing key with other statements");
}

public sealed class ExistingPolicyArnScriptTests
{
    [AwsCliFact]
    public Task Script_AfterAFailureHalfWay_ContinuesWhereItStopped_AddingOneVersion() => SetupScriptTests.FailureHalfWay_ThenRunAgain_EndsInTheSameSetupAsync("existing policy ARN");
}

public sealed class NoPrefixNoCrossAccountScriptTests
{
    [AwsCliFact]
    public Task Script_AfterAFailureHalfWay_ContinuesWhereItStopped() => SetupScriptTests.FailureHalfWay_ThenRunAgain_EndsInTheSameSetupAsync("no prefix, no cross-account");
}
