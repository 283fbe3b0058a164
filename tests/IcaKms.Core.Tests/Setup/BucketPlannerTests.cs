using System.Text.Json;
using IcaKms.Core.Aws;
using IcaKms.Core.Checks;
using IcaKms.Core.Planning;
using IcaKms.Core.Setup;
using IcaKms.Core.Tests.Checks;

namespace IcaKms.Core.Tests.Setup;

public class BucketPlannerTests
{
    private static SetupPlan Plan(LiveSnapshot snapshot, SetupInputs? inputs = null) => BucketPlanner.Plan(Live.Request(inputs), snapshot);

    private static LiveSnapshot Missing() => Live.Healthy() with
    {
        BucketRegion = Live.Failed<string>(AwsFailureKind.NotFound, "s3:ListBucket", "The bucket does not exist."),
    };

    [Fact]
    public void Plan_IsEmpty_ForAHealthyBucket()
    {
        SetupPlan plan = Plan(Live.Healthy());

        Assert.True(plan.IsEmpty);
        Assert.Empty(plan.Blockers);
    }

    [Fact]
    public void Plan_CreatesTheWholeBucket_WhenItDoesNotExist()
    {
        SetupPlan plan = Plan(Missing());

        Assert.Collection(plan.Changes,
            c => Assert.Equal(new CreateBucketChange(Live.Bucket, Live.Region), c),
            c => Assert.Equal(Live.KeyArn, Assert.IsType<SetDefaultEncryptionChange>(c).KeyArn),
            c => Assert.IsType<BlockPublicAccessChange>(c),
            c => Assert.IsType<EnforceBucketOwnerChange>(c),
            c => Assert.Equal(new CreatePrefixFolderChange(Live.Bucket, Live.Prefix, Live.KeyArn), c));
    }

    [Fact]
    public void Plan_SkipsTheFolder_WhenNoPrefixIsGiven()
    {
        SetupPlan plan = Plan(Missing(), Live.Inputs with { KeyPrefix = "" });

        Assert.DoesNotContain(plan.Changes, c => c is CreatePrefixFolderChange);
    }

    [Theory]
    [InlineData("AES256", null, false)]
    [InlineData("aws:kms", null, true)]
    [InlineData("aws:kms", "alias/ica", true)]
    [InlineData("aws:kms", "1234abcd-12ab-34cd-56ef-1234567890ab", true)]
    [InlineData("aws:kms", Live.OtherKeyArn, true)]
    [InlineData("aws:kms", Live.KeyArn, false)]
    [InlineData("aws:kms:dsse", Live.KeyArn, false)]
    public void Plan_SetsTheEncryption_ByTheFullKeyArnWithBucketKey_KeepingBlockedTypes(string algorithm, string? key, bool bucketKey)
    {
        var current = new BucketEncryption(algorithm, key, bucketKey, ["SSE-C"]);

        SetupPlan plan = Plan(Live.Healthy() with { Encryption = Live.Ok<BucketEncryption?>(current) });

        var change = Assert.IsType<SetDefaultEncryptionChange>(Assert.Single(plan.Changes));
        Assert.Equal(Live.KeyArn, change.KeyArn);
        Assert.Equal(["SSE-C"], change.BlockedEncryptionTypes);
        using JsonDocument after = JsonDocument.Parse(change.After!);
        JsonElement rule = after.RootElement.GetProperty("Rules")[0];
        Assert.Equal("aws:kms", rule.GetProperty("ApplyServerSideEncryptionByDefault").GetProperty("SSEAlgorithm").GetString());
        Assert.Equal(Live.KeyArn, rule.GetProperty("ApplyServerSideEncryptionByDefault").GetProperty("KMSMasterKeyID").GetString());
        Assert.True(rule.GetProperty("BucketKeyEnabled").GetBoolean());
        Assert.Equal("SSE-C", rule.GetProperty("BlockedEncryptionTypes").GetProperty("EncryptionType")[0].GetString());
        Assert.Contains(algorithm, change.Before, StringComparison.Ordinal);
        Assert.Contains(plan.Notes, n => n.Contains("does not re-encrypt", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_FixesOnlyWhatIsWrong()
    {
        LiveSnapshot snapshot = Live.Healthy() with
        {
            PublicAccess = Live.Ok<PublicAccessBlock?>(new PublicAccessBlock(true, false, true, true)),
            ObjectOwnership = Live.Ok<string?>("ObjectWriter"),
            PrefixExists = Live.Ok(false),
        };

        SetupPlan plan = Plan(snapshot);

        Assert.Collection(plan.Changes,
            c => Assert.Contains("\"IgnorePublicAcls\": false", Assert.IsType<BlockPublicAccessChange>(c).Before, StringComparison.Ordinal),
            c => Assert.Contains("ObjectWriter", Assert.IsType<EnforceBucketOwnerChange>(c).Before, StringComparison.Ordinal),
            c => Assert.IsType<CreatePrefixFolderChange>(c));
    }

    [Fact]
    public void Plan_PlansTheRest_ButNamesTheReadThatWasRefused()
    {
        LiveSnapshot snapshot = Live.Healthy() with
        {
            Encryption = Live.Failed<BucketEncryption?>(AwsFailureKind.AccessDenied, "s3:GetEncryptionConfiguration", "AccessDenied on s3:GetEncryptionConfiguration."),
            PrefixExists = Live.Ok(false),
        };

        SetupPlan plan = Plan(snapshot);

        Assert.IsType<CreatePrefixFolderChange>(Assert.Single(plan.Changes));
        Assert.Contains("s3:GetEncryptionConfiguration", Assert.Single(plan.Blockers), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_RefusesABucketInAnotherRegion()
    {
        SetupPlan plan = Plan(Live.Healthy() with { BucketRegion = Live.Ok("eu-west-1") });

        Assert.True(plan.IsEmpty);
        Assert.Contains("cannot move", Assert.Single(plan.Blockers), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Disabled", "CUSTOMER", "Disabled")]
    [InlineData("Enabled", "AWS", "AWS managed")]
    public void Plan_RefusesAKeyThatCannotServe(string state, string manager, string reason)
    {
        KmsKeyDescription key = Live.Key with { KeyState = state, KeyManager = manager };

        SetupPlan plan = Plan(Missing() with { Key = Live.Ok(key) });

        Assert.True(plan.IsEmpty);
        Assert.Contains(reason, Assert.Single(plan.Blockers), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_RefusesWithoutAKeyArn()
    {
        SetupPlan plan = Plan(Missing(), Live.Inputs with { KeyArn = "alias/ica" });

        Assert.True(plan.IsEmpty);
        Assert.Contains("key ARN", Assert.Single(plan.Blockers), StringComparison.Ordinal);
    }
}
