using IcaKms.Core.Aws;
using IcaKms.Core.Ica;
using IcaKms.Core.Planning;
using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Planning.Rotation;

namespace IcaKms.Core.Tests.Rotation;

public class RotationPlannerTests
{
    private const string User = "ica-storage";
    private const string Held = "AKIAHELDKEY000000001";
    private const string Other = "AKIAOTHERKEY00000002";
    private static readonly Uri Api = new("https://ica.example/ica/rest");
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);
    private static readonly StorageCredential Credential = new("cred-1", "lab-credential", StorageCredential.AwsUserType);
    private static readonly StorageConfiguration[] Configurations =
    [
        new("conf-1", "lab-data", null, "AWS_S3", StorageConfigurationStatus.Ok, null, null, false),
        new("conf-2", "lab-archive", null, "AWS_S3", StorageConfigurationStatus.Ok, null, null, false),
    ];

    private static AccessKeyUse Key(string id, AccessKeyStatus status = AccessKeyStatus.Active, DateTimeOffset? lastUsed = null) =>
        new(id, status, Now.AddYears(-1), lastUsed);

    private static RotationPlan Plan(string? held, params AccessKeyUse[] keys) =>
        RotationPlanner.Plan(new RotationRequest(Api, Credential, User, keys, held, Configurations, Now));

    // As ICA showing which key it holds (not the admin's word).
    private static RotationPlan PlanShown(string held, params AccessKeyUse[] keys) =>
        RotationPlanner.Plan(new RotationRequest(Api, Credential, User, keys, held, Configurations, Now, HeldKeyShownByIca: true));

    [Fact]
    public void Plan_OneActiveKey_CreatesSendsAndValidatesEachConfiguration()
    {
        RotationPlan plan = Plan(null, Key(Held, lastUsed: Now.AddHours(-1)));

        Assert.True(plan.Planned, plan.Refusal);
        Assert.Equal(Held, plan.HeldKeyId);
        Assert.Null(plan.MakeRoomReason);
        Assert.Collection(plan.Changes,
            c => Assert.Equal(User, Assert.IsType<CreateIamAccessKeyChange>(c).UserName),
            c => Assert.Equal(Held, Assert.IsType<UpdateStorageCredentialSecretsChange>(c).OldKeyId),
            c => Assert.Equal("conf-1", Assert.IsType<ValidateStorageConfigurationChange>(c).ConfigurationId),
            c => Assert.Equal("conf-2", Assert.IsType<ValidateStorageConfigurationChange>(c).ConfigurationId));
    }

    [Fact]
    public void Plan_TwoKeysOtherInactive_DeletesTheInactiveOneFirst()
    {
        RotationPlan plan = Plan(Held, Key(Other, AccessKeyStatus.Inactive), Key(Held));

        DeleteAccessKeyChange first = Assert.IsType<DeleteAccessKeyChange>(plan.Changes[0]);
        Assert.Equal(Other, first.AccessKeyId);
        Assert.Contains("inactive", plan.MakeRoomReason, StringComparison.Ordinal);
        Assert.IsType<CreateIamAccessKeyChange>(plan.Changes[1]);
    }

    [Fact]
    public void Plan_TwoKeysOtherUnusedForMonthsHeldShownByIca_DeletesItFirstAndSaysWhen()
    {
        RotationPlan plan = PlanShown(Held, Key(Held, lastUsed: Now), Key(Other, lastUsed: Now.AddDays(-90)));

        Assert.Equal(Other, Assert.IsType<DeleteAccessKeyChange>(plan.Changes[0]).AccessKeyId);
        Assert.Contains("over 30 days ago", plan.MakeRoomReason, StringComparison.Ordinal);
        Assert.Null(plan.UnverifiedKeyId);
    }

    [Fact]
    public void Plan_TwoKeysOtherNeverUsedHeldShownByIca_DeletesItFirst()
    {
        RotationPlan plan = PlanShown(Held, Key(Held), Key(Other));

        Assert.Equal(Other, Assert.IsType<DeleteAccessKeyChange>(plan.Changes[0]).AccessKeyId);
        Assert.Contains("never signed", plan.MakeRoomReason, StringComparison.Ordinal);
        Assert.Null(plan.UnverifiedKeyId);
    }

    [Fact]
    public void Plan_OtherNewerNeverUsedHeldOnlyTheAdminsWord_DeactivatesAndValidatesInsteadOfDeleting()
    {
        // A session ended right after ICA got the new key: the admin names the old one, the new one shows no use yet.
        var newer = new AccessKeyUse(Other, AccessKeyStatus.Active, Now.AddMinutes(-10), null);
        RotationPlan plan = Plan(Held, Key(Held, lastUsed: Now.AddHours(-2)), newer);

        Assert.True(plan.Planned, plan.Refusal);
        Assert.Equal((Held, Other), (plan.HeldKeyId, plan.UnverifiedKeyId));
        Assert.Empty(plan.Changes.OfType<DeleteAccessKeyChange>());
        Assert.Collection(plan.Changes,
            c =>
            {
                DeactivateUnverifiedKeyChange test = Assert.IsType<DeactivateUnverifiedKeyChange>(c);
                Assert.Equal((Other, Held, (DateTimeOffset?)null), (test.AccessKeyId, test.NamedHeldKeyId, test.LastUsedAtPlan));
                Assert.Equal(["conf-1", "conf-2"], test.ConfigurationIds);
            },
            c => Assert.Equal("conf-1", Assert.IsType<ValidateStorageConfigurationChange>(c).ConfigurationId),
            c => Assert.Equal("conf-2", Assert.IsType<ValidateStorageConfigurationChange>(c).ConfigurationId));
        Assert.Contains($"Only your answer says ICA holds {Held}", plan.MakeRoomReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_OtherUnusedForMonthsHeldOnlyTheAdminsWord_TestsItBeforeAnyDelete()
    {
        RotationPlan plan = Plan(Held, Key(Held, lastUsed: Now), Key(Other, lastUsed: Now.AddDays(-90)));

        Assert.Equal(Other, plan.UnverifiedKeyId);
        Assert.IsType<DeactivateUnverifiedKeyChange>(plan.Changes[0]);
        Assert.Empty(plan.Changes.OfType<DeleteAccessKeyChange>());
        Assert.Empty(plan.Changes.OfType<CreateIamAccessKeyChange>());
    }

    [Fact]
    public void Plan_AfterTheTestReadOk_DeletesTheNowInactiveKeyFirst()
    {
        RotationPlan plan = Plan(Held, Key(Held), Key(Other, AccessKeyStatus.Inactive));

        Assert.Null(plan.UnverifiedKeyId);
        Assert.Equal(Other, Assert.IsType<DeleteAccessKeyChange>(plan.Changes[0]).AccessKeyId);
    }

    [Theory]
    [InlineData(StorageConfigurationStatus.Error)]
    [InlineData("INITIALIZING")]
    public void Plan_OtherKeyInactiveAndIcaNotOk_HeldOnlyByTheAdminsWord_RefusesToDeleteIt(string status)
    {
        StorageConfiguration[] configurations = [Configurations[0], Configurations[1] with { Status = status }];

        RotationPlan plan = RotationPlanner.Plan(new RotationRequest(Api, Credential, User, [Key(Held), Key(Other, AccessKeyStatus.Inactive)], Held, configurations, Now));

        Assert.False(plan.Planned);
        Assert.Contains($"lab-archive reads {status}", plan.Refusal, StringComparison.Ordinal);
        Assert.Contains($"ICA may hold the inactive key {Other}", plan.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_OtherKeyInactiveAndIcaNotOk_HeldShownByIca_DeletesTheInactiveKey()
    {
        StorageConfiguration[] configurations = [Configurations[0] with { Status = StorageConfigurationStatus.Error }];

        RotationPlan plan = RotationPlanner.Plan(new RotationRequest(Api, Credential, User, [Key(Held), Key(Other, AccessKeyStatus.Inactive)], Held, configurations, Now, HeldKeyShownByIca: true));

        Assert.Equal(Other, Assert.IsType<DeleteAccessKeyChange>(plan.Changes[0]).AccessKeyId);
    }

    [Fact]
    public void ReactivateUnverified_MakesTheTestedKeyActiveAgain()
    {
        Assert.Equal(Other, Assert.IsType<ReactivateAccessKeyChange>(Assert.Single(RotationPlanner.ReactivateUnverified(User, Other))).AccessKeyId);
    }

    [Fact]
    public void UnverifiedOutcome_Error_SaysTheAnswerWasWrongAndWhichKeyIcaHolds()
    {
        RotationPlan plan = Plan(Held, Key(Held), Key(Other));

        string error = RotationPlanner.UnverifiedOutcome(plan, StorageConfigurationStatus.Error, reactivated: true);
        string ok = RotationPlanner.UnverifiedOutcome(plan, StorageConfigurationStatus.Ok, reactivated: false);

        Assert.Contains($"Your answer was wrong: ICA holds {Other}, not {Held}", error, StringComparison.Ordinal);
        Assert.Contains("made active again at once", error, StringComparison.Ordinal);
        Assert.Contains($"ICA holds {Held}, as you answered", ok, StringComparison.Ordinal);
        Assert.Contains("not known", RotationPlanner.UnverifiedOutcome(plan, null, reactivated: true), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_TwoKeysOtherUsedRecently_RefusesAndDeletesNothing()
    {
        RotationPlan plan = Plan(Held, Key(Held), Key(Other, lastUsed: Now.AddDays(-29)));

        Assert.False(plan.Planned);
        Assert.Contains("something else uses it", plan.Refusal, StringComparison.Ordinal);
        Assert.Empty(plan.Changes);
    }

    [Fact]
    public void Plan_HeldKeyUsedLongAgo_NeverDeletesTheHeldKey()
    {
        // The held key is the older, unused one; the other is inactive: the inactive one goes, never the held one.
        RotationPlan plan = Plan(Held, Key(Held, lastUsed: Now.AddDays(-400)), Key(Other, AccessKeyStatus.Inactive));

        Assert.DoesNotContain(plan.Changes.OfType<DeleteAccessKeyChange>(), d => d.AccessKeyId == Held);
        Assert.Equal(Other, Assert.Single(plan.Changes.OfType<DeleteAccessKeyChange>()).AccessKeyId);
    }

    [Fact]
    public void Plan_TwoKeysHeldUnknown_AsksTheAdminToConfirm()
    {
        RotationPlan plan = Plan(null, Key(Held), Key(Other));

        Assert.False(plan.Planned);
        Assert.Contains("confirm which", plan.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_HeldKeyNotTheUsers_Refuses()
    {
        RotationPlan plan = Plan("AKIASOMEONEELSE00003", Key(Held));

        Assert.Contains("has no access key AKIASOMEONEELSE00003", plan.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_NoKeys_Refuses()
    {
        Assert.Contains("no access key at all", Plan(null).Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_HeldKeyInactive_RefusesToRotate()
    {
        RotationPlan plan = Plan(Held, Key(Held, AccessKeyStatus.Inactive));

        Assert.Contains("is inactive", plan.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_NoConfigurationUsesTheCredential_Refuses()
    {
        RotationPlan plan = RotationPlanner.Plan(new RotationRequest(Api, Credential, User, [Key(Held)], Held, [], Now));

        Assert.Contains("No storage configuration uses lab-credential", plan.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Retire_DeactivatesTheOldKeyGatedOnEveryConfiguration()
    {
        DeactivateAccessKeyChange change = Assert.IsType<DeactivateAccessKeyChange>(Assert.Single(RotationPlanner.Retire(User, Held, Configurations, Now)));

        Assert.Equal(["conf-1", "conf-2"], change.ConfigurationIds);
        Assert.Equal((Held, "iam:UpdateAccessKey", Now), (change.AccessKeyId, change.Permission, change.RotatedAt));
    }

    [Fact]
    public void Rollback_OldKeyStillActive_RestoresItThenDeletesTheNewKey()
    {
        IReadOnlyList<IcaPlanChange> changes = RotationPlanner.Rollback(Api, Credential, User, Held, Other, oldKeyActive: true);

        Assert.Collection(changes,
            c => Assert.Equal(Held, Assert.IsType<RestoreStorageCredentialSecretsChange>(c).OldKeyId),
            c => Assert.Equal(Other, Assert.IsType<DeleteAccessKeyChange>(c).AccessKeyId));
    }

    [Fact]
    public void Rollback_OldKeyDeactivated_ReactivatesItFirst()
    {
        IReadOnlyList<IcaPlanChange> changes = RotationPlanner.Rollback(Api, Credential, User, Held, Other, oldKeyActive: false);

        Assert.Equal(Held, Assert.IsType<ReactivateAccessKeyChange>(changes[0]).AccessKeyId);
        Assert.Equal(3, changes.Count);
    }

    [Fact]
    public void Commands_KeepEverySecretInShellVariables()
    {
        RotationPlan plan = Plan(Held, Key(Held), Key(Other, AccessKeyStatus.Inactive));
        string script = string.Join('\n', plan.Changes.Concat(RotationPlanner.Retire(User, Held, Configurations, Now))
            .SelectMany(c => c.Commands(new CommandContext("us-east-1"))).Select(c => c.ToScript()));

        Assert.Contains("aws iam delete-access-key --user-name ica-storage --access-key-id " + Other, script, StringComparison.Ordinal);
        Assert.Contains("/api/storageCredentials/cred-1:updateSecrets", script, StringComparison.Ordinal);
        Assert.Contains("$AWS_SECRET_ACCESS_KEY", script, StringComparison.Ordinal);
        Assert.Contains("--status Inactive", script, StringComparison.Ordinal);
    }
}
