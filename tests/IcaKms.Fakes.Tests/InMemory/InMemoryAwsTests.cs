using Amazon.Runtime;
using IcaKms.Core;
using IcaKms.Core.Aws;
using IcaKms.TestKit;

namespace IcaKms.Fakes.Tests.InMemory;

/// <summary>The test kit's in-memory AWS: its writes change what it reads, and its faults, records and signals.</summary>
public sealed class InMemoryAwsTests
{
    private const string Bucket = SampleAccount.Bucket;

    // A guard against a hang, not a timing assertion.
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);

    private readonly InMemoryAws _aws = new();

    [Fact]
    public async Task Fail_AnswersTheFailure_AndChangesNothing_UntilHealed()
    {
        _aws.PrefixExists = Result<bool, AwsFailure>.Ok(false);
        _aws.Fail("s3:PutObject", AwsFailureKind.AccessDenied, "not authorized to perform: s3:PutObject");

        Result<ObjectWrite, AwsFailure> refused = await _aws.CreateFolderAsync(Bucket, "ica/", SampleAccount.KeyArn);

        Assert.Equal(AwsFailureKind.AccessDenied, refused.Failure!.Kind);
        Assert.Equal("s3:PutObject", refused.Failure.Action);
        Assert.False((await _aws.PrefixExistsAsync(Bucket, "ica/")).Value);

        _aws.Heal("s3:PutObject");
        Assert.True((await _aws.CreateFolderAsync(Bucket, "ica/", SampleAccount.KeyArn)).Succeeded);
        Assert.True((await _aws.PrefixExistsAsync(Bucket, "ica/")).Value);
        Assert.Equal(["s3:PutObject lab-ica-data/ica/", "s3:PutObject lab-ica-data/ica/"], _aws.Writes);
    }

    [Fact]
    public async Task Fail_OnOneCall_LeavesTheSameActionOnOtherResourcesAlone()
    {
        _aws.Fail($"kms:DescribeKey {SampleAccount.KeyAlias}", AwsFailureKind.Throttled, "Rate exceeded");
        _aws.Keys[SampleAccount.KeyAlias] = Result<KmsKeyDescription, AwsFailure>.Ok(SampleAccount.Key);

        Assert.Equal(AwsFailureKind.Throttled, (await _aws.DescribeKeyAsync(SampleAccount.KeyAlias)).Failure!.Kind);
        Assert.True((await _aws.DescribeKeyAsync(SampleAccount.KeyArn)).Succeeded);
        Assert.Equal(AwsFailureKind.NotFound, (await _aws.DescribeKeyAsync("alias/unknown")).Failure!.Kind);
    }

    [Fact]
    public async Task WhenCalled_SignalsACallHeldAtTheGate_BeforeItAnswers()
    {
        _aws.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task called = _aws.WhenCalled("s3:GetBucketVersioning");
        Assert.False(called.IsCompleted);

        Task<Result<string?, AwsFailure>> versioning = _aws.GetVersioningAsync(Bucket);
        await called.WaitAsync(Hang);

        Assert.Equal(1, _aws.HeldCalls);
        Assert.False(versioning.IsCompleted);
        _aws.Gate.SetResult();
        Assert.True((await versioning.WaitAsync(Hang)).Succeeded);
        Assert.Equal(0, _aws.HeldCalls);
        Assert.True(_aws.WhenCalled("s3:GetBucketVersioning").IsCompleted);
    }

    [Fact]
    public async Task HeldCall_EndsWithTheCallersCancellation()
    {
        _aws.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancellation = new CancellationTokenSource();
        Task<Result<string, AwsFailure>> region = _aws.GetBucketRegionAsync(Bucket, cancellation.Token);
        await _aws.WhenCalled("s3:HeadBucket").WaitAsync(Hang);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => region.WaitAsync(Hang));
    }

    [Fact]
    public async Task BucketWrites_ChangeWhatTheReadsAnswer()
    {
        BucketEncryption rule = BucketEncryption.SseKms("arn:aws:kms:us-east-1:123456789012:key/other", SampleAccount.Encryption);

        await _aws.PutDefaultEncryptionAsync(Bucket, rule);
        await _aws.PutObjectAsync(Bucket, "ica/probe.txt", "probe");

        Assert.Equal(rule, (await _aws.GetDefaultEncryptionAsync(Bucket)).Value);
        Assert.Equal("arn:aws:kms:us-east-1:123456789012:key/other", (await _aws.HeadObjectAsync(Bucket, "ica/probe.txt")).Value!.KmsKeyArn);
        await _aws.DeleteObjectAsync(Bucket, "ica/probe.txt");
        Assert.Equal(AwsFailureKind.NotFound, (await _aws.HeadObjectAsync(Bucket, "ica/probe.txt")).Failure!.Kind);
        Assert.Equal(["s3:PutEncryptionConfiguration lab-ica-data", "s3:PutObject lab-ica-data/ica/probe.txt", "s3:DeleteObject lab-ica-data/ica/probe.txt"], _aws.Writes);
    }

    [Fact]
    public async Task CreateBucket_IsAlreadyOwned_WhenTheBucketExists_AndHasS3sDefaultsWhenNew()
    {
        Assert.True((await _aws.CreateBucketAsync(Bucket, "us-east-1")).Value!.AlreadyOwnedByYou);

        _aws.BucketRegion = Result<string, AwsFailure>.Fail(new AwsFailure(AwsFailureKind.NotFound, "s3:HeadBucket", Bucket, null, "Not Found"));
        Assert.False((await _aws.CreateBucketAsync(Bucket, "eu-west-1")).Value!.AlreadyOwnedByYou);

        Assert.Equal("eu-west-1", (await _aws.GetBucketRegionAsync(Bucket)).Value);
        Assert.Equal("AES256", (await _aws.GetDefaultEncryptionAsync(Bucket)).Value!.SseAlgorithm);
    }

    [Fact]
    public async Task KeyWrites_MakeANewKey_ReachableByItsAlias_AndRefuseATakenAlias()
    {
        KmsKeyDescription key = (await _aws.CreateKeyAsync("ica")).Value!;
        Assert.True((await _aws.CreateAliasAsync("alias/new", key.KeyArn)).Succeeded);

        Assert.Equal(key.KeyArn, (await _aws.DescribeKeyAsync("alias/new")).Value!.KeyArn);
        Assert.Equal(AwsFailureKind.AlreadyExists, (await _aws.CreateAliasAsync("alias/new", key.KeyArn)).Failure!.Kind);
        Assert.Equal(AwsFailureKind.Refused, (await _aws.PutKeyPolicyAsync("alias/new", "{}")).Failure!.Kind);
        await _aws.PutKeyPolicyAsync(key.KeyArn, "{\"Statement\":[]}");
        Assert.Equal("{\"Statement\":[]}", (await _aws.GetKeyPolicyAsync(key.KeyArn)).Value);
    }

    [Fact]
    public async Task PolicyVersions_TheNewestIsTheDefault_ASixthIsRefused_AndTheDefaultCannotBeDeleted()
    {
        CreatedPolicy policy = (await _aws.CreatePolicyAsync("ica-new", "{\"v\":1}", null)).Value!;
        for (int version = 2; version <= 5; version++)
        {
            Assert.Equal($"v{version}", (await _aws.CreatePolicyVersionAsync(policy.PolicyArn, $"{{\"v\":{version}}}")).Value!.VersionId);
        }

        Assert.Equal(AwsFailureKind.LimitExceeded, (await _aws.CreatePolicyVersionAsync(policy.PolicyArn, "{}")).Failure!.Kind);
        Assert.Equal("{\"v\":5}", (await _aws.GetPolicyDefaultVersionAsync(policy.PolicyArn)).Value!.Document);
        Assert.Equal(AwsFailureKind.Conflict, (await _aws.DeletePolicyVersionAsync(policy.PolicyArn, "v5")).Failure!.Kind);
        Assert.True((await _aws.DeletePolicyVersionAsync(policy.PolicyArn, "v1")).Succeeded);
        IReadOnlyList<PolicyVersionInfo> versions = (await _aws.ListPolicyVersionsAsync(policy.PolicyArn)).Value!;
        Assert.Equal(["v2", "v3", "v4", "v5"], versions.Select(v => v.VersionId));
        Assert.Equal("v5", Assert.Single(versions, v => v.IsDefaultVersion).VersionId);
    }

    [Fact]
    public async Task IamWrites_AttachOnce_RefuseATakenUserName_AndAThirdAccessKey()
    {
        await _aws.AttachUserPolicyAsync(SampleAccount.User, SampleAccount.PolicyArn);
        Assert.Single((await _aws.ListAttachedUserPoliciesAsync(SampleAccount.User)).Value!);
        Assert.Equal(AwsFailureKind.AlreadyExists, (await _aws.CreateUserAsync(SampleAccount.User)).Failure!.Kind);
        Assert.True((await _aws.CreateUserAsync("ica-other")).Succeeded);
        Assert.True((await _aws.GetUserAsync("ica-other")).Succeeded);

        await _aws.CreateAccessKeyAsync("ica-other");
        await _aws.CreateAccessKeyAsync("ica-other");

        Assert.Equal(AwsFailureKind.LimitExceeded, (await _aws.CreateAccessKeyAsync("ica-other")).Failure!.Kind);
        Assert.Equal(2, (await _aws.ListAccessKeysAsync("ica-other")).Value!.Count);
    }

    [Fact]
    public async Task Identify_AcceptsTheGoodKeyPrefix_AndRefusesAnyOtherKey()
    {
        Result<CallerIdentity, AwsFailure> good = await _aws.IdentifyAsync(new BasicAWSCredentials(InMemoryAws.GoodKeyPrefix + "AAAAAAAA", "secret"), "us-east-1");
        Result<CallerIdentity, AwsFailure> bad = await _aws.IdentifyAsync(new BasicAWSCredentials("ASIABADXXXXXXXXX", "secret"), "us-east-1");

        Assert.EndsWith("/ASIAGOODAAAAAAAA", good.Value!.Arn, StringComparison.Ordinal);
        Assert.Equal(AwsFailureKind.InvalidCredentials, bad.Failure!.Kind);
        Assert.Equal(2, _aws.CallsTo("sts:GetCallerIdentity"));
    }

    [Fact]
    public async Task AccessKeys_DeactivateThenDelete_ChangeWhatTheListShows()
    {
        _aws.AddAccessKey("AKIAOLD0000000000001", AccessKeyStatus.Active, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        string added = (await _aws.CreateAccessKeyAsync("ica-other")).Value!.AccessKeyId;

        await _aws.UpdateAccessKeyAsync("ica-other", "AKIAOLD0000000000001", AccessKeyStatus.Inactive);
        IReadOnlyList<AccessKeyMetadata> listed = (await _aws.ListAccessKeyMetadataAsync("ica-other")).Value!;
        Result<DateTimeOffset?, AwsFailure> used = await _aws.GetAccessKeyLastUsedAsync("AKIAOLD0000000000001");
        Result<bool, AwsFailure> deleted = await _aws.DeleteAccessKeyAsync("ica-other", "AKIAOLD0000000000001");
        Result<bool, AwsFailure> again = await _aws.DeleteAccessKeyAsync("ica-other", "AKIAOLD0000000000001");

        Assert.Equal([AccessKeyStatus.Inactive, AccessKeyStatus.Active], listed.Select(k => k.Status));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), used.Value);
        Assert.True(deleted.Value);
        Assert.Equal([added], _aws.AccessKeys);
        Assert.Equal(AwsFailureKind.NotFound, again.Failure?.Kind);
    }
}
