using IcaKms.Core.Policies;
using IcaKms.Core.Setup;

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

    private static IReadOnlyList<ReviewItem> Review(SetupInputs inputs, PolicySummary? pasted = null)
    {
        SetupValidation validation = SetupValidation.Of(inputs);
        return ReviewChecklist.Create(inputs, validation, SetupDocuments.Create(inputs, validation), pasted);
    }

    private static ReviewItem Item(IReadOnlyList<ReviewItem> items, string id) => items.Single(i => i.Id == id);

    [Fact]
    public void Create_PassesOfflineChecks_ForValidInputs()
    {
        IReadOnlyList<ReviewItem> items = Review(Valid);

        Assert.All(items.Where(i => !i.Id.StartsWith("live-", StringComparison.Ordinal) && i.Id is not "policy-variant" and not "cross-account-role"),
            i => Assert.Equal(CheckState.Pass, i.State));
        Assert.Equal(CheckState.NotChecked, Item(items, "live-bucket").State);
    }

    [Fact]
    public void Create_WarnsOnBucketRoot_WhenPrefixEmpty()
    {
        ReviewItem prefix = Item(Review(Valid with { KeyPrefix = "" }), "key-prefix");

        Assert.Equal(CheckState.Warning, prefix.State);
        Assert.Equal(WizardStep.Bucket, prefix.Step);
    }

    [Fact]
    public void Create_FailsKey_WhenAliasGiven()
    {
        ReviewItem key = Item(Review(Valid with { KeyArn = "arn:aws:kms:us-east-1:123456789012:alias/ica" }), "key-arn");

        Assert.Equal(CheckState.Fail, key.State);
        Assert.Contains("alias", key.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Create_AddsPastedPolicyVerdict_WhenPolicyPasted()
    {
        PolicySummary pasted = PolicySummaryCheck.Check("{}", PolicyVariant.Unversioned);

        ReviewItem item = Item(Review(Valid, pasted), "pasted-policy");

        Assert.Equal(CheckState.Fail, item.State);
        Assert.Equal(WizardStep.IamPolicy, item.Step);
    }

    [Fact]
    public void Create_ChecksRole_WhenCrossAccountChosen()
    {
        ReviewItem role = Item(Review(Valid with { CrossAccountCopy = true, CrossAccountRoleArn = "arn:aws:iam::079623148045:role/ica_use1_crossacct" }), "cross-account-role");

        Assert.Equal(CheckState.Pass, role.State);
    }
}
