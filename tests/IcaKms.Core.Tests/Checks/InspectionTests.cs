using IcaKms.Core.Aws;
using IcaKms.Core.Checks;
using IcaKms.Core.Setup;
using IcaKms.TestKit;
using static IcaKms.Core.Tests.Checks.Live;

namespace IcaKms.Core.Tests.Checks;

public sealed class InspectionTests : IDisposable
{
    private const string ExtraPolicyArn = $"arn:aws:iam::{Account}:policy/extra";

    // A deadline, not a timing assertion: an inspection that serializes gated calls would otherwise hang forever.
    private readonly CancellationTokenSource _deadline = new(TimeSpan.FromSeconds(30));

    private readonly InMemoryAws _aws = new();

    public void Dispose() => _deadline.Dispose();

    private Task<LiveSnapshot> RunAsync(SetupInputs? inputs = null, TimeProvider? time = null) =>
        Inspection.RunAsync(_aws.Gateways, Request(inputs), _deadline.Token, time);

    [Fact]
    public async Task RunAsync_StartsEveryIndependentCall_BeforeAnyAnswers()
    {
        _aws.Versions[ExtraPolicyArn] = Ok(ManagedVersion(IamPolicy(), ExtraPolicyArn));
        var gate = new StartGate(
        [
            "s3:HeadBucket", "s3:GetBucketEncryption", "s3:GetBucketVersioning", "s3:GetBucketOwnershipControls", "s3:GetPublicAccessBlock",
            $"s3:ListObjectsV2 {Prefix}", $"kms:DescribeKey {KeyArn}", "iam:ListAttachedUserPolicies", "iam:ListUserPolicies", "iam:ListGroupsForUser",
            $"iam:GetPolicyVersion {ExtraPolicyArn}",
        ]);
        _aws.OnCall = gate.OnCall;

        LiveSnapshot snapshot = await RunAsync(Inputs with { PolicyArn = ExtraPolicyArn });

        Assert.True(gate.IsOpen);
        Assert.True(snapshot.BucketRegion.Succeeded);
        Assert.Equal([PolicyArn, ExtraPolicyArn], snapshot.IamPolicies!.Value!.Select(p => p.PolicyArn));
    }

    [Fact]
    public async Task RunAsync_ReadsTheAttachedPolicies_InParallel()
    {
        string[] arns = [.. Enumerable.Range(1, 3).Select(i => $"arn:aws:iam::{Account}:policy/p{i}")];
        _aws.Attached = Result<IReadOnlyList<AttachedPolicy>, AwsFailure>.Ok([.. arns.Select(a => new AttachedPolicy(a[(a.LastIndexOf('/') + 1)..], a))]);
        foreach (string arn in arns)
        {
            _aws.Versions[arn] = Ok(ManagedVersion(IamPolicy(), arn));
        }

        var gate = new StartGate(arns.Select(a => $"iam:GetPolicyVersion {a}"));
        _aws.OnCall = gate.OnCall;

        LiveSnapshot snapshot = await RunAsync();

        Assert.True(gate.IsOpen);
        Assert.Equal(arns, snapshot.IamPolicies!.Value!.Select(p => p.PolicyArn));
    }

    [Fact]
    public async Task RunAsync_DescribesTheEncryptionKey_AsSoonAsEncryptionIsIn()
    {
        _aws.Encryption = Ok<BucketEncryption?>(Encryption with { KmsMasterKeyId = "alias/ica-data" });
        _aws.Keys["alias/ica-data"] = Ok(Key);
        // The key policy answers only once the dependent DescribeKey has started: it must not wait for everything else.
        var gate = new StartGate(["kms:GetKeyPolicy", "kms:DescribeKey alias/ica-data"]);
        _aws.OnCall = gate.OnCall;

        LiveSnapshot snapshot = await RunAsync();

        Assert.True(gate.IsOpen);
        Assert.Equal(KeyArn, snapshot.EncryptionKey!.Value!.KeyArn);
        Assert.Equal(CheckState.Warning, Check(snapshot, LiveCheckIds.BucketEncryption).State);
    }

    [Fact]
    public async Task RunAsync_ReusesTheKeyDescription_WhenEncryptionNamesTheWizardKey()
    {
        LiveSnapshot snapshot = await RunAsync();

        Assert.Single(_aws.Calls, c => c.StartsWith("kms:DescribeKey", StringComparison.Ordinal));
        Assert.Same(snapshot.Key, snapshot.EncryptionKey);
    }

    [Fact]
    public async Task RunAsync_LeavesEncryptionKeyNull_WhenEncryptionNamesNoKey()
    {
        _aws.Encryption = Ok<BucketEncryption?>(new BucketEncryption("AES256", null, false, []));

        LiveSnapshot snapshot = await RunAsync();

        Assert.Null(snapshot.EncryptionKey);
    }

    [Fact]
    public async Task RunAsync_TurnsAThrowingGatewayIntoAFailure()
    {
        _aws.OnCall = (call, _) => call == "kms:GetKeyPolicy" ? throw new InvalidOperationException("bug") : Task.CompletedTask;

        LiveSnapshot snapshot = await RunAsync();

        Assert.Equal(AwsFailureKind.Other, snapshot.KeyPolicy.Failure!.Kind);
        Assert.Equal("kms:GetKeyPolicy", snapshot.KeyPolicy.Failure.Action);
        Assert.Contains("InvalidOperationException", snapshot.KeyPolicy.Failure.Message, StringComparison.Ordinal);
        Assert.True(snapshot.Key.Succeeded);
        Assert.Equal(CheckState.NotChecked, Check(snapshot, LiveCheckIds.KeyPolicyIam).State);
    }

    [Fact]
    public async Task RunAsync_TurnsASynchronousThrowIntoAFailure()
    {
        var gateways = _aws.Gateways with { Kms = new ThrowingKms() };

        LiveSnapshot snapshot = await Inspection.RunAsync(gateways, Request(), _deadline.Token);

        Assert.Equal(AwsFailureKind.Other, snapshot.Key.Failure!.Kind);
        Assert.Equal(AwsFailureKind.Other, snapshot.KeyPolicy.Failure!.Kind);
        Assert.Equal(AwsFailureKind.Other, snapshot.EncryptionKey!.Failure!.Kind);
        Assert.Contains(LiveChecks.Evaluate(snapshot, Request()), c => c.Id == LiveCheckIds.KeyState && c.State == CheckState.NotChecked);
    }

    [Fact]
    public async Task RunAsync_ReportsATimeout_WhenAGatewayIsCancelledByItsOwnDeadline()
    {
        _aws.OnCall = (call, _) => call == "s3:GetBucketVersioning" ? throw new TaskCanceledException("HttpClient.Timeout") : Task.CompletedTask;

        LiveSnapshot snapshot = await RunAsync();

        Assert.Equal(AwsFailureKind.Timeout, snapshot.Versioning.Failure!.Kind);
    }

    [Fact]
    public async Task RunAsync_Throws_WhenTheCallerCancels()
    {
        using var cancel = new CancellationTokenSource();
        var never = new TaskCompletionSource();
        _aws.OnCall = (call, ct) =>
        {
            if (call.StartsWith("kms:DescribeKey", StringComparison.Ordinal))
            {
                cancel.Cancel();
            }

            return never.Task.WaitAsync(ct);
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Inspection.RunAsync(_aws.Gateways, Request(), cancel.Token));
    }

    [Fact]
    public async Task RunAsync_Throws_WithoutCalling_WhenAlreadyCancelled()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Inspection.RunAsync(_aws.Gateways, Request(), cancel.Token));
        Assert.Empty(_aws.Calls);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("/ica")]
    public async Task RunAsync_LeavesPrefixExistsNull_WithoutAValidPrefix(string prefix)
    {
        LiveSnapshot snapshot = await RunAsync(Inputs with { KeyPrefix = prefix });

        Assert.Null(snapshot.PrefixExists);
        Assert.DoesNotContain(_aws.Calls, c => c.StartsWith("s3:ListObjectsV2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_LooksForTheNormalizedPrefix()
    {
        LiveSnapshot snapshot = await RunAsync(Inputs with { KeyPrefix = " runs/2024 " });

        Assert.True(snapshot.PrefixExists!.Value);
        Assert.Contains("s3:ListObjectsV2 runs/2024/", _aws.Calls);
    }

    [Fact]
    public async Task RunAsync_CallsNoS3_WhenTheBucketNameIsInvalid()
    {
        LiveSnapshot snapshot = await RunAsync(Inputs with { BucketName = "s3://lab-ica-data" });

        Assert.DoesNotContain(_aws.Calls, c => c.StartsWith("s3:", StringComparison.Ordinal));
        Assert.False(snapshot.BucketRegion.Succeeded);
        Assert.Equal(CheckState.NotChecked, Check(snapshot, LiveCheckIds.BucketRegion, Inputs with { BucketName = "s3://lab-ica-data" }).State);
    }

    [Fact]
    public async Task RunAsync_AsksKmsOnlyAboutTheBucketsKey_WhenNoKeyIsGiven()
    {
        LiveSnapshot snapshot = await RunAsync(Inputs with { KeyArn = "" });

        Assert.Equal([$"kms:DescribeKey {KeyArn}"], _aws.Calls.Where(c => c.StartsWith("kms:", StringComparison.Ordinal)));
        Assert.False(snapshot.Key.Succeeded);
        Assert.False(snapshot.KeyPolicy.Succeeded);
        Assert.True(snapshot.EncryptionKey!.Succeeded);
    }

    [Fact]
    public async Task RunAsync_PassesTheKeyAsTyped_ForTheGatewayToResolve()
    {
        _aws.Keys["alias/ica"] = Ok(Key);

        LiveSnapshot snapshot = await RunAsync(Inputs with { KeyArn = " alias/ica " });

        Assert.Contains("kms:DescribeKey alias/ica", _aws.Calls);
        Assert.Equal(KeyArn, snapshot.Key.Value!.KeyArn);
    }

    [Fact]
    public async Task RunAsync_ReadsNoIam_WithoutUserOrPolicy()
    {
        LiveSnapshot snapshot = await RunAsync(Inputs with { IamUserName = " " });

        Assert.Null(snapshot.IamPolicies);
        Assert.DoesNotContain(_aws.Calls, c => c.StartsWith("iam:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_ReadsAnAttachedGivenPolicyOnce()
    {
        LiveSnapshot snapshot = await RunAsync(Inputs with { PolicyArn = PolicyArn });

        Assert.Single(_aws.Calls, c => c == $"iam:GetPolicyVersion {PolicyArn}");
        Assert.Single(snapshot.IamPolicies!.Value!);
    }

    [Fact]
    public async Task RunAsync_ReadsOnlyThePolicy_WhenOnlyAPolicyArnIsGiven()
    {
        LiveSnapshot snapshot = await RunAsync(Inputs with { IamUserName = "", PolicyArn = PolicyArn });

        Assert.DoesNotContain("iam:ListAttachedUserPolicies", _aws.Calls);
        Assert.Equal(PolicyArn, snapshot.IamPolicies!.Value!.Single().PolicyArn);
    }

    [Fact]
    public async Task RunAsync_FailsThePolicies_WhenListingFails()
    {
        _aws.Attached = Result<IReadOnlyList<AttachedPolicy>, AwsFailure>.Fail(
            new AwsFailure(AwsFailureKind.AccessDenied, "iam:ListAttachedUserPolicies", User, "AccessDenied", "AccessDenied on iam:ListAttachedUserPolicies."));

        LiveSnapshot snapshot = await RunAsync(Inputs with { PolicyArn = PolicyArn });

        Assert.Equal("iam:ListAttachedUserPolicies", snapshot.IamPolicies!.Failure!.Action);
    }

    [Fact]
    public async Task RunAsync_FailsThePolicies_WhenOneVersionFails()
    {
        _aws.Attached = Result<IReadOnlyList<AttachedPolicy>, AwsFailure>.Ok([new AttachedPolicy("ica-kms", PolicyArn), new AttachedPolicy("gone", ExtraPolicyArn)]);

        LiveSnapshot snapshot = await RunAsync();

        Assert.Equal(AwsFailureKind.NotFound, snapshot.IamPolicies!.Failure!.Kind);
    }

    [Fact]
    public async Task RunAsync_MeasuresElapsed_WithTheGivenClock()
    {
        var clock = new SteppingClock(TimeSpan.FromMilliseconds(250));

        LiveSnapshot snapshot = await RunAsync(time: clock);

        Assert.Equal(TimeSpan.FromMilliseconds(250), snapshot.Elapsed);
    }

    [Fact]
    public async Task RunAsync_ThenEvaluate_PassesEverything_ForAHealthySetup()
    {
        LiveSnapshot snapshot = await RunAsync(CrossAccountInputs);

        IReadOnlyList<SetupCheck> checks = LiveChecks.Evaluate(snapshot, Request(CrossAccountInputs));

        Assert.Equal(16, checks.Count);
        Assert.All(checks, c => Assert.True(c.State == CheckState.Pass, $"{c.Id}: {c.State} {c.Finding} {c.Fix}"));
        Assert.Equal(checks.Count, checks.Select(c => c.Id).Distinct().Count());
    }

    [Fact]
    public async Task RunAsync_ReadsTheKeyPolicy_WithTheKeyArnDescribeKeyReturned()
    {
        _aws.Keys["alias/ica"] = Ok(Key);

        LiveSnapshot snapshot = await RunAsync(Inputs with { KeyArn = "alias/ica" });

        Assert.Equal([KeyArn], _aws.KeyPolicyAskedWith);
        Assert.True(snapshot.KeyPolicy.Succeeded);
        Assert.Equal(CheckState.Pass, Check(snapshot, LiveCheckIds.KeyPolicyIam, Inputs with { KeyArn = "alias/ica" }).State);
    }

    [Fact]
    public async Task RunAsync_LeavesTheKeyPolicyUnread_WhenDescribeKeyFails_AndSaysSoLikeTheKeyChecks()
    {
        _aws.Keys.Clear();

        LiveSnapshot snapshot = await RunAsync(CrossAccountInputs);

        Assert.Empty(_aws.KeyPolicyAskedWith);
        IReadOnlyList<SetupCheck> checks = LiveChecks.Evaluate(snapshot, Request(CrossAccountInputs));
        string[] needKey = [LiveCheckIds.KeyState, LiveCheckIds.KeyPolicyIam, LiveCheckIds.KeyPolicyCrossAccount];
        Assert.All(checks.Where(c => needKey.Contains(c.Id)), c => Assert.Equal(CheckState.NotChecked, c.State));
        Assert.Single(checks.Where(c => needKey.Contains(c.Id)).Select(c => c.Finding).Distinct());
    }

    [Fact]
    public async Task RunAsync_GathersGroupAndInlinePolicies_AndTheCheckPasses_WithoutAttachedPolicies()
    {
        const string groupPolicyArn = $"arn:aws:iam::{Account}:policy/IcaKmsAccess";
        _aws.Attached = Result<IReadOnlyList<AttachedPolicy>, AwsFailure>.Ok([]);
        _aws.Groups = Result<IReadOnlyList<string>, AwsFailure>.Ok(["ica-admins"]);
        _aws.GroupAttached["ica-admins"] = Result<IReadOnlyList<AttachedPolicy>, AwsFailure>.Ok([new AttachedPolicy("IcaKmsAccess", groupPolicyArn)]);
        _aws.Versions[groupPolicyArn] = Ok(ManagedVersion(KmsOnlyPolicy, groupPolicyArn));
        _aws.UserInline = Result<IReadOnlyList<string>, AwsFailure>.Ok(["ica-s3"]);
        _aws.InlineDocuments[$"{User}/ica-s3"] = IamPolicyWithoutKms();

        LiveSnapshot snapshot = await RunAsync();

        Assert.Equal(
            [(IdentityPolicySource.UserInline, "ica-s3", (string?)null), (IdentityPolicySource.AttachedToGroup, "IcaKmsAccess", "ica-admins")],
            snapshot.IamPolicies!.Value!.Select(p => (p.Source, p.Name, p.GroupName)));
        SetupCheck check = Check(snapshot, LiveCheckIds.IamPolicy);
        Assert.Equal(CheckState.Pass, check.State);
        Assert.True(check.Finding.Contains("Granted by: the kms: actions via managed policy IcaKmsAccess of group ica-admins; the s3: and sts: actions via inline policy ica-s3 of user ica-user.", StringComparison.Ordinal), check.Finding);
        Assert.Contains($"via inline policy ica-s3 of user {User}", check.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ReadsEveryGroupsPolicies_InParallel()
    {
        _aws.Groups = Result<IReadOnlyList<string>, AwsFailure>.Ok(["g1", "g2"]);
        _aws.GroupInline["g1"] = Result<IReadOnlyList<string>, AwsFailure>.Ok(["a"]);
        _aws.GroupInline["g2"] = Result<IReadOnlyList<string>, AwsFailure>.Ok(["b"]);
        _aws.InlineDocuments["g1/a"] = IamPolicy();
        _aws.InlineDocuments["g2/b"] = IamPolicy();
        var gate = new StartGate(["iam:ListAttachedGroupPolicies g1", "iam:ListGroupPolicies g1", "iam:ListAttachedGroupPolicies g2", "iam:ListGroupPolicies g2"]);
        _aws.OnCall = gate.OnCall;

        LiveSnapshot snapshot = await RunAsync();

        Assert.True(gate.IsOpen);
        Assert.Equal(3, snapshot.IamPolicies!.Value!.Count);
    }

    [Fact]
    public async Task RunAsync_ReadsAManagedPolicyAttachedTwiceOnce()
    {
        _aws.Groups = Result<IReadOnlyList<string>, AwsFailure>.Ok(["ica-admins"]);
        _aws.GroupAttached["ica-admins"] = Result<IReadOnlyList<AttachedPolicy>, AwsFailure>.Ok([new AttachedPolicy("ica-kms", PolicyArn)]);

        await RunAsync(Inputs with { PolicyArn = PolicyArn });

        Assert.Single(_aws.Calls, c => c == $"iam:GetPolicyVersion {PolicyArn}");
    }

    [Theory]
    [InlineData("iam:ListGroupsForUser")]
    [InlineData("iam:ListUserPolicies")]
    public async Task RunAsync_ThenEvaluate_DoesNotCheckThePolicies_WhenAListIsRefused(string action)
    {
        Result<IReadOnlyList<string>, AwsFailure> refused = Result<IReadOnlyList<string>, AwsFailure>.Fail(
            new AwsFailure(AwsFailureKind.AccessDenied, action, User, "AccessDenied", $"AccessDenied on {action} for {User}."));
        if (action == "iam:ListGroupsForUser")
        {
            _aws.Groups = refused;
        }
        else
        {
            _aws.UserInline = refused;
        }

        SetupCheck check = Check(await RunAsync(), LiveCheckIds.IamPolicy);

        Assert.Equal(CheckState.NotChecked, check.State);
        Assert.Contains($"Allow {action}", check.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ThenEvaluate_Fails_WhenTheUserHasNoPolicyAnywhere()
    {
        _aws.Attached = Result<IReadOnlyList<AttachedPolicy>, AwsFailure>.Ok([]);
        _aws.Groups = Result<IReadOnlyList<string>, AwsFailure>.Ok(["empty-group"]);

        SetupCheck check = Check(await RunAsync(), LiveCheckIds.IamPolicy);

        Assert.Equal(CheckState.Fail, check.State);
        Assert.Contains("has no policies at all", check.Finding, StringComparison.Ordinal);
        Assert.Contains($"Attach the wizard's unversioned policy (step 2) to {User}", check.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ThenEvaluate_Fails_WhenAGroupsInlinePolicyDenies()
    {
        _aws.Groups = Result<IReadOnlyList<string>, AwsFailure>.Ok(["locked"]);
        _aws.GroupInline["locked"] = Result<IReadOnlyList<string>, AwsFailure>.Ok(["no-kms"]);
        _aws.InlineDocuments["locked/no-kms"] = """{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "kms:*", "Resource": "*"}}""";

        SetupCheck check = Check(await RunAsync(), LiveCheckIds.IamPolicy);

        Assert.Equal(CheckState.Fail, check.State);
        Assert.Contains("Denied by a Deny statement: kms:Decrypt", check.Finding, StringComparison.Ordinal);
    }

    private const string KmsOnlyPolicy = $$"""
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"], "Resource": "{{KeyArn}}"}]}
        """;

    /// <summary>The spec's policy without its KMS statement.</summary>
    private static string IamPolicyWithoutKms() => IamPolicy().Replace("\"kms:", "\"none:", StringComparison.Ordinal);

    /// <summary>A KMS gateway whose every method throws before returning a task.</summary>
    private sealed class ThrowingKms : IKmsGateway
    {
        public Task<Result<KmsKeyDescription, AwsFailure>> DescribeKeyAsync(string keyIdOrAlias, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<Result<IReadOnlyList<KmsKeyChoice>, AwsFailure>> ListUsableKeysAsync(CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<Result<string, AwsFailure>> GetKeyPolicyAsync(string keyArn, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<Result<IReadOnlyList<KmsGrant>, AwsFailure>> ListGrantsAsync(string keyArn, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<Result<KmsKeyDescription, AwsFailure>> CreateKeyAsync(string description, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<Result<string, AwsFailure>> CreateAliasAsync(string aliasName, string keyArn, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<Result<string, AwsFailure>> PutKeyPolicyAsync(string keyArn, string policy, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }

    /// <summary>A clock whose every reading is one step after the previous one.</summary>
    private sealed class SteppingClock(TimeSpan step) : TimeProvider
    {
        private long _now;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Add(ref _now, step.Ticks) - step.Ticks;
    }

    [Fact]
    public async Task RunAsync_ReadsBucketAgainInItsOwnRegion_WhenBucketLivesElsewhere()
    {
        _aws.BucketRegion = Ok("eu-west-1");
        _aws.Versioning = Failed<string?>(AwsFailureKind.Other, "s3:GetBucketVersioning", "AuthorizationHeaderMalformed");
        var inBucketRegion = new InMemoryAws { Versioning = Ok<string?>("Suspended") };
        var asked = new List<string>();

        LiveSnapshot snapshot = await Inspection.RunAsync(_aws.Gateways, Request(), _deadline.Token, s3InRegion: region =>
        {
            asked.Add(region);
            return inBucketRegion;
        });

        Assert.Equal(["eu-west-1"], asked);
        Assert.Equal("Suspended", snapshot.Versioning.Value);
        Assert.Equal("eu-west-1", snapshot.BucketRegion.Value);
        Assert.Contains("s3:GetBucketVersioning", inBucketRegion.Calls);
    }

    [Fact]
    public async Task RunAsync_ReadsBucketOnce_WhenBucketIsInTheIcaRegion()
    {
        var asked = new List<string>();

        await Inspection.RunAsync(_aws.Gateways, Request(), _deadline.Token, s3InRegion: region =>
        {
            asked.Add(region);
            return new InMemoryAws();
        });

        Assert.Empty(asked);
        Assert.Single(_aws.Calls, c => c == "s3:GetBucketVersioning");
    }
}
