using IcaKms.Core.Aws;
using IcaKms.Core.Checks;
using IcaKms.Core.Policies;
using IcaKms.Core.Planning;
using IcaKms.Core.Documents;
using IcaKms.Core.Setup;
using IcaKms.Core.Tests.Checks;

namespace IcaKms.Core.Tests.Setup;

public class ReviewChecklistTests
{
    private static readonly SetupInputs Valid = new()
    {
        BucketName = "lab-ica-data",
        KeyArn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        KeyPrefix = "ica/",
        ConfigurationName = "lab-kms",
    };

    private static IReadOnlyList<SetupCheck> Review(SetupInputs inputs, PolicySummary? pasted = null, IReadOnlyList<SetupCheck>? live = null)
    {
        SetupValidation validation = SetupValidation.Of(inputs);
        return ReviewChecklist.Create(inputs, validation, SetupDocuments.Create(inputs, validation), pasted, live);
    }

    private static IReadOnlyList<SetupCheck> LiveChecksOf(LiveSnapshot snapshot, SetupInputs? inputs = null) =>
        LiveChecks.Evaluate(snapshot, Live.Request(inputs));

    private static SetupCheck Item(IReadOnlyList<SetupCheck> items, string id) => items.Single(i => i.Id == id);

    [Fact]
    public void Create_PassesOfflineChecks_ForValidInputs()
    {
        IReadOnlyList<SetupCheck> items = Review(Valid);

        Assert.All(items.Where(i => !i.Id.StartsWith("live-", StringComparison.Ordinal) && i.Id is not "policy-variant" and not "cross-account-role"),
            i => Assert.Equal(CheckState.Pass, i.State));
        Assert.Equal(CheckState.NotChecked, Item(items, "live-bucket").State);
    }

    [Fact]
    public void Create_FailsCrossAccountRole_WhenRoleIsAnotherRegionsConfirmedRole()
    {
        SetupInputs inputs = Valid with { CrossAccountCopy = true, CrossAccountRoleArn = "arn:aws:iam::079623148045:role/ica_aps2_crossacct" };

        SetupCheck role = Item(Review(inputs), "cross-account-role");

        Assert.Equal(CheckState.Fail, role.State);
        Assert.Equal(CheckState.Pass, Item(Review(inputs with { AwsRegion = "ap-southeast-2", KeyArn = inputs.KeyArn.Replace("us-east-1", "ap-southeast-2", StringComparison.Ordinal) }), "cross-account-role").State);
    }

    [Fact]
    public void Create_WarnsOnBucketRoot_WhenPrefixEmpty()
    {
        SetupCheck prefix = Item(Review(Valid with { KeyPrefix = "" }), "key-prefix");

        Assert.Equal(CheckState.Warning, prefix.State);
        Assert.Equal(WizardStep.Bucket, prefix.Step);
    }

    [Fact]
    public void Create_FailsKey_WhenAliasGiven()
    {
        SetupCheck key = Item(Review(Valid with { KeyArn = "arn:aws:kms:us-east-1:123456789012:alias/ica" }), "key-arn");

        Assert.Equal(CheckState.Fail, key.State);
        Assert.Contains("alias", key.Finding, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Create_AddsPastedPolicyVerdict_WhenPolicyPasted()
    {
        PolicySummary pasted = PolicySummaryCheck.Check("{}", PolicyVariant.Unversioned);

        SetupCheck item = Item(Review(Valid, pasted), "pasted-policy");

        Assert.Equal(CheckState.Fail, item.State);
        Assert.Equal(WizardStep.IamPolicy, item.Step);
    }

    [Fact]
    public void Create_ChecksRole_WhenCrossAccountChosen()
    {
        SetupCheck role = Item(Review(Valid with { CrossAccountCopy = true, CrossAccountRoleArn = "arn:aws:iam::079623148045:role/ica_use1_crossacct" }), "cross-account-role");

        Assert.Equal(CheckState.Pass, role.State);
    }

    [Fact]
    public void Create_ReplacesTheLivePlaceholders_WithTheLiveChecks()
    {
        IReadOnlyList<SetupCheck> live = LiveChecksOf(Live.Healthy());

        IReadOnlyList<SetupCheck> items = Review(Live.Inputs, live: live);

        Assert.DoesNotContain(items, i => i.Id is "live-bucket" or "live-key");
        foreach (SetupCheck check in live.Where(c => c.Id != LiveCheckIds.BucketVersioning))
        {
            Assert.Equal(new SetupCheck(check.Id, check.Step, check.Title, check.State, check.Finding), Item(items, check.Id));
        }
    }

    [Fact]
    public void Create_KeepsTheOfflineItems_WhenLiveChecksAreGiven()
    {
        IReadOnlyList<string> offline = [.. Review(Live.Inputs).Select(i => i.Id).Where(id => !id.StartsWith("live-", StringComparison.Ordinal))];

        IReadOnlyList<SetupCheck> items = Review(Live.Inputs, live: LiveChecksOf(Live.Healthy()));

        Assert.Equal(offline, items.Take(offline.Count).Select(i => i.Id));
        Assert.Equal(items.Count, items.Select(i => i.Id).Distinct().Count());
    }

    [Fact]
    public void Create_KeepsALiveChecksFindingAndFix_WhenItDoesNotPass()
    {
        SetupCheck bucketKey = new(LiveCheckIds.BucketKey, WizardStep.Bucket, "Bucket Key is on", CheckState.Warning, "Bucket Key is off.", "Turn it on.");

        SetupCheck item = Item(Review(Valid, live: [bucketKey]), LiveCheckIds.BucketKey);

        Assert.Equal(CheckState.Warning, item.State);
        Assert.Equal("Bucket Key is off.", item.Finding);
        Assert.Equal("Turn it on.", item.Fix);
    }

    [Fact]
    public void Create_FailsThePolicyVariant_WhenTheLiveVersioningDisagrees()
    {
        LiveSnapshot suspended = Live.Healthy() with { Versioning = Result<string?, AwsFailure>.Ok("Suspended") };

        SetupCheck variant = Item(Review(Live.Inputs, live: LiveChecksOf(suspended)), "policy-variant");

        Assert.Equal(CheckState.Fail, variant.State);
        Assert.Equal(WizardStep.IamPolicy, variant.Step);
        Assert.Contains("Suspended, so ICA needs the versioned policy", variant.Finding, StringComparison.Ordinal);
        Assert.Contains("Choose the versioned policy in step 2", variant.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_PassesThePolicyVariant_WhenTheLiveVersioningAgrees()
    {
        IReadOnlyList<SetupCheck> items = Review(Live.Inputs, live: LiveChecksOf(Live.Healthy()));

        Assert.Equal(CheckState.Pass, Item(items, "policy-variant").State);
        Assert.DoesNotContain(items, i => i.Id == LiveCheckIds.BucketVersioning);
    }

    [Fact]
    public void Create_LeavesThePolicyVariantUnchecked_WhenLiveChecksLackVersioning()
    {
        SetupCheck variant = Item(Review(Valid, live: []), "policy-variant");

        Assert.Equal(CheckState.NotChecked, variant.State);
    }
}
