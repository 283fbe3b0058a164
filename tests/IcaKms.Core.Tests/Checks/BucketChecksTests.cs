using IcaKms.Core.Aws;
using IcaKms.Core.Checks;
using static IcaKms.Core.Tests.Checks.Live;

namespace IcaKms.Core.Tests.Checks;

public class BucketChecksTests
{
    private static readonly CheckCase[] Cases =
    [
        new("region: same region", LiveCheckIds.BucketRegion, CheckState.Pass, "is in us-east-1", Healthy()),
        new("region: no such bucket", LiveCheckIds.BucketRegion, CheckState.Fail, "does not exist",
            Healthy() with { BucketRegion = Failed<string>(AwsFailureKind.NotFound, "s3:ListBucket", "NoSuchBucket: lab-ica-data.") }),
        new("region: other region", LiveCheckIds.BucketRegion, CheckState.Fail, "is in eu-west-1, but the ICA region uses us-east-1",
            Healthy() with { BucketRegion = Ok("eu-west-1") }),
        new("region: access denied", LiveCheckIds.BucketRegion, CheckState.NotChecked, "Allow s3:ListBucket",
            Healthy() with { BucketRegion = Failed<string>(AwsFailureKind.AccessDenied, "s3:ListBucket", "AccessDenied on s3:ListBucket for lab-ica-data.") }),
        new("region: invalid bucket name", LiveCheckIds.BucketRegion, CheckState.NotChecked, "not valid", Healthy(), Inputs with { BucketName = "Lab_Bucket" }),
        new("prefix: exists", LiveCheckIds.PrefixFolder, CheckState.Pass, "ica/ exists", Healthy()),
        new("prefix: missing", LiveCheckIds.PrefixFolder, CheckState.Warning, "--server-side-encryption aws:kms --ssekms-key-id " + KeyArn,
            Healthy() with { PrefixExists = Ok(false) }),
        new("prefix: none given", LiveCheckIds.PrefixFolder, CheckState.NotChecked, "bucket root",
            Healthy() with { PrefixExists = null }, Inputs with { KeyPrefix = "" }),
        new("prefix: given but not looked for", LiveCheckIds.PrefixFolder, CheckState.NotChecked, "was not looked for",
            Healthy() with { PrefixExists = null }),
        new("prefix: invalid", LiveCheckIds.PrefixFolder, CheckState.NotChecked, "not valid",
            Healthy() with { PrefixExists = null }, Inputs with { KeyPrefix = "/ica" }),
        new("prefix: call failed", LiveCheckIds.PrefixFolder, CheckState.NotChecked, "Slow down",
            Healthy() with { PrefixExists = Failed<bool>(AwsFailureKind.Throttled, "s3:ListBucket", "Slow down.") }),
        new("ownership: enforced", LiveCheckIds.ObjectOwnership, CheckState.Pass, "Bucket owner enforced", Healthy()),
        new("ownership: preferred", LiveCheckIds.ObjectOwnership, CheckState.Warning, "BucketOwnerPreferred",
            Healthy() with { ObjectOwnership = Ok<string?>("BucketOwnerPreferred") }),
        new("ownership: not set", LiveCheckIds.ObjectOwnership, CheckState.Warning, "not set",
            Healthy() with { ObjectOwnership = Ok<string?>(null) }),
        new("ownership: bucket missing", LiveCheckIds.ObjectOwnership, CheckState.NotChecked, "does not exist",
            Healthy() with { ObjectOwnership = Failed<string?>(AwsFailureKind.NotFound, "s3:GetBucketOwnershipControls", "NoSuchBucket.") }),
        new("public access: blocked", LiveCheckIds.PublicAccess, CheckState.Pass, "fully on", Healthy()),
        new("public access: partly", LiveCheckIds.PublicAccess, CheckState.Warning, "BlockPublicPolicy, RestrictPublicBuckets are off",
            Healthy() with { PublicAccess = Ok<PublicAccessBlock?>(new PublicAccessBlock(true, true, false, false)) }),
        new("public access: none", LiveCheckIds.PublicAccess, CheckState.Warning, "no Block Public Access",
            Healthy() with { PublicAccess = Ok<PublicAccessBlock?>(null) }),
        new("public access: denied", LiveCheckIds.PublicAccess, CheckState.NotChecked, "s3:GetBucketPublicAccessBlock",
            Healthy() with { PublicAccess = Failed<PublicAccessBlock?>(AwsFailureKind.AccessDenied, "s3:GetBucketPublicAccessBlock", "AccessDenied.") }),
    ];

    public static TheoryData<string> Names => CheckCase.NamesOf(Cases);

    [Theory]
    [MemberData(nameof(Names))]
    public void Evaluate_GivesTheVerdict_ForEachBucketFinding(string name) => CheckCase.Verify(Cases, name);

    [Fact]
    public void Evaluate_UsesTheFailureMessageAsFinding_WhenACallFails()
    {
        SetupCheck check = Check(
            Healthy() with { BucketRegion = Failed<string>(AwsFailureKind.AccessDenied, "s3:ListBucket", "AccessDenied on s3:ListBucket for lab-ica-data.") },
            LiveCheckIds.BucketRegion);

        Assert.Equal("AccessDenied on s3:ListBucket for lab-ica-data.", check.Finding);
    }

    [Fact]
    public void Evaluate_SaysTheBucketIsMissing_InOneSentence_InEveryBucketCheck()
    {
        // As the gateways answer for a missing bucket: every bucket call NotFound, each with its own message.
        Result<T, AwsFailure> Missing<T>(string action) => Failed<T>(AwsFailureKind.NotFound, action, $"The bucket {Bucket} does not exist ({action}): check the name.");
        LiveSnapshot snapshot = Healthy() with
        {
            BucketRegion = Missing<string>("s3:ListBucket"),
            Encryption = Missing<BucketEncryption?>("s3:GetEncryptionConfiguration"),
            Versioning = Missing<string?>("s3:GetBucketVersioning"),
            ObjectOwnership = Missing<string?>("s3:GetBucketOwnershipControls"),
            PublicAccess = Missing<PublicAccessBlock?>("s3:GetBucketPublicAccessBlock"),
            PrefixExists = Missing<bool>("s3:ListBucket"),
            EncryptionKey = null,
        };

        IReadOnlyList<SetupCheck> checks = LiveChecks.Evaluate(snapshot, Request());

        string[] bucketChecks =
        [
            LiveCheckIds.BucketRegion, LiveCheckIds.BucketEncryption, LiveCheckIds.BucketKey, LiveCheckIds.PrefixFolder,
            LiveCheckIds.ObjectOwnership, LiveCheckIds.PublicAccess, LiveCheckIds.BucketVersioning,
        ];
        SetupCheck region = checks.Single(c => c.Id == LiveCheckIds.BucketRegion);
        Assert.Equal((CheckState.Fail, $"The bucket {Bucket} does not exist."), (region.State, region.Finding));
        Assert.All(checks.Where(c => bucketChecks.Contains(c.Id) && c.Id != LiveCheckIds.BucketRegion), c =>
        {
            Assert.Equal(CheckState.NotChecked, c.State);
            Assert.Equal($"The bucket {Bucket} does not exist, so this was not checked.", c.Finding);
        });
    }
}
