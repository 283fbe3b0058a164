using IcaKms.Core.Applying;
using IcaKms.Core.Aws;
using IcaKms.Core.Ica;
using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Planning.Rotation;
using IcaKms.Core.Planning;
using IcaKms.Core.Setup;
using IcaKms.Core.Tests.Ica;
using IcaKms.FakeIca;
using IcaKms.TestKit;

namespace IcaKms.Core.Tests.Rotation;

/// <summary>A rotation applied against the in-memory IAM and the loopback fake ICA: each failure leaves ICA one active key it holds.</summary>
public sealed class RotationApplyTests : IAsyncLifetime
{
    private const string User = "ica-storage";
    private const string OldKey = "AKIAOLDKEY0000000001";
    private const string OldSecret = "OldSecretOfTheIcaUser/0123456789abcdefGH";
    private readonly InMemoryAws _aws = new();
    private FakeIcaFixture _ica = null!;
    private StorageCredential _credential = null!;
    private StorageConfiguration _configuration = null!;

    public async Task InitializeAsync()
    {
        _ica = await FakeIcaFixture.StartAsync();
        IIcaClient client = _ica.Client();
        _credential = (await client.CreateStorageCredentialAsync(new StorageCredentialRequest("lab-credential", StorageCredential.AwsUserType, new AwsAccessKey(OldKey, OldSecret)))).Value!;
        _configuration = (await client.CreateStorageConfigurationAsync(StorageConfigurationRequest.Create(Samples.Configuration(), _credential.Id, FakeIcaScenario.AuRegionId))).Value!;
        _aws.AddAccessKey(OldKey, AccessKeyStatus.Active, DateTimeOffset.UtcNow.AddDays(-1));
    }

    public async Task DisposeAsync() => await _ica.DisposeAsync();

    private RotationPlan Plan(string? heldKeyId = OldKey) => RotationPlanner.Plan(new RotationRequest(
        _ica.Server.Url, _credential, User,
        [.. _aws.AccessKeys.Select(id => new AccessKeyUse(id, _aws.StatusOf(id), InMemoryAws.DefaultKeyCreated, _aws.AccessKeyStates[id].LastUsed))],
        heldKeyId, [_configuration], DateTimeOffset.UtcNow));

    private async Task<IcaApplyResult> ApplyAsync(IReadOnlyList<IcaPlanChange> changes, AwsAccessKey? pasted = null, List<AppliedChange>? records = null) =>
        await IcaApplier.ApplyAsync(_ica.Client(), _aws, new SetupPlan(WizardStep.IcaConfiguration, [.. changes], [], []), pasted, "tester", TimeProvider.System, records is null ? null : records.Add);

    private FakeIcaCredential HeldByIca => Assert.Single(_ica.Server.Credentials);

    private async Task<string> SettledStatusAsync()
    {
        StorageConfiguration? read = null;
        for (int i = 0; i < 10 && read?.IsSettled != true; i++)
        {
            read = (await _ica.Client().GetStorageConfigurationAsync(_configuration.Id)).Value;
        }

        return read!.Status;
    }

    [Fact]
    public async Task Rotate_FromAWorkingSetup_EndsOnTheNewKeyWithTheOldOneInactive()
    {
        var records = new List<AppliedChange>();
        IcaApplyResult rotated = await ApplyAsync(Plan().Changes, records: records);
        string newKey = Assert.Single(_aws.AccessKeys, k => k != OldKey);

        Assert.True(rotated.Result.Succeeded, rotated.Result.Failure?.Message);
        Assert.Equal((newKey, FakeIcaServer.DigestOf(InMemoryAws.NewAccessKeySecret)), (HeldByIca.AccessKeyId, HeldByIca.SecretDigest));
        Assert.Equal(StorageConfigurationStatus.Ok, await SettledStatusAsync());

        IcaApplyResult retired = await ApplyAsync(RotationPlanner.Retire(User, OldKey, [_configuration], DateTimeOffset.UtcNow.AddMinutes(-1), iamWait: TimeSpan.Zero), records: records);

        Assert.True(retired.Result.Succeeded, retired.Result.Failure?.Message);
        Assert.Equal(AccessKeyStatus.Inactive, _aws.StatusOf(OldKey));
        Assert.Equal(AccessKeyStatus.Active, _aws.StatusOf(newKey));
        Assert.DoesNotContain(records, r => r.ToString().Contains(InMemoryAws.NewAccessKeySecret, StringComparison.Ordinal));
        Assert.DoesNotContain(_ica.Server.Requests, r => r.ToString().Contains(InMemoryAws.NewAccessKeySecret, StringComparison.Ordinal));

        IcaApplyResult deleted = await ApplyAsync(RotationPlanner.DeleteOld(User, OldKey));
        Assert.True(deleted.Result.Succeeded);
        Assert.Equal([newKey], _aws.AccessKeys);
    }

    [Fact]
    public async Task Rotate_KeyLimitReached_StopsBeforeIcaAndKeepsTheHeldKey()
    {
        _aws.AddAccessKey("AKIAINUSE00000000002", AccessKeyStatus.Active);
        _aws.Fail("iam:DeleteAccessKey", new AwsFailure(AwsFailureKind.AccessDenied, "iam:DeleteAccessKey", null, null, "not allowed"));

        IcaApplyResult result = await ApplyAsync(Plan().Changes);

        Assert.False(result.Result.Succeeded);
        Assert.Equal((OldKey, 0), (HeldByIca.AccessKeyId, _ica.Server.SecretUpdates));
        Assert.Equal(AccessKeyStatus.Active, _aws.StatusOf(OldKey));
        Assert.Equal(2, _aws.AccessKeys.Count);
    }

    [Fact]
    public async Task Rotate_IcaRefusesTheNewSecret_DeletesTheNewKeyAndIcaKeepsTheOld()
    {
        _ica.Server.Fault = FakeIcaFault.Forbidden;
        _ica.Server.FaultPath = "POST /api/storageCredentials/";

        IcaApplyResult result = await ApplyAsync(Plan().Changes);

        Assert.False(result.Result.Succeeded);
        Assert.Contains("was deleted again", result.Result.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal([OldKey], _aws.AccessKeys);
        Assert.Equal(OldKey, HeldByIca.AccessKeyId);
    }

    [Fact]
    public async Task Retire_ValidationEndsInError_KeepsTheOldKeyActiveAndRollbackRestoresIt()
    {
        IcaApplyResult rotated = await ApplyAsync(Plan().Changes);
        string newKey = Assert.Single(_aws.AccessKeys, k => k != OldKey);
        _ica.Server.KeysAwsRefuses.Add(newKey);
        await _ica.Client().ValidateStorageConfigurationAsync(_configuration.Id);
        Assert.Equal(StorageConfigurationStatus.Error, await SettledStatusAsync());

        IcaApplyResult retired = await ApplyAsync(RotationPlanner.Retire(User, OldKey, [_configuration], DateTimeOffset.UtcNow));

        Assert.True(rotated.Result.Succeeded);
        Assert.False(retired.Result.Succeeded);
        Assert.Contains("reads ERROR", retired.Result.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(AccessKeyStatus.Active, _aws.StatusOf(OldKey));

        IcaApplyResult rolledBack = await ApplyAsync(RotationPlanner.Rollback(_ica.Server.Url, _credential, User, OldKey, newKey, oldKeyActive: true), new AwsAccessKey(OldKey, OldSecret));

        Assert.True(rolledBack.Result.Succeeded, rolledBack.Result.Failure?.Message);
        Assert.Equal((OldKey, FakeIcaServer.DigestOf(OldSecret)), (HeldByIca.AccessKeyId, HeldByIca.SecretDigest));
        Assert.Equal([OldKey], _aws.AccessKeys);
    }

    [Fact]
    public async Task Rollback_PastedKeyIsNotTheOldOne_SendsNothing()
    {
        await ApplyAsync(Plan().Changes);
        string newKey = Assert.Single(_aws.AccessKeys, k => k != OldKey);

        IcaApplyResult result = await ApplyAsync(RotationPlanner.Rollback(_ica.Server.Url, _credential, User, OldKey, newKey, true), new AwsAccessKey("AKIAWRONG00000000009", OldSecret));

        Assert.Contains("not the old key", result.Result.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(newKey, HeldByIca.AccessKeyId);
        Assert.Equal(2, _aws.AccessKeys.Count);
    }

    [Fact]
    public async Task Retire_OldKeyUsedAfterTheRotation_KeepsItActive()
    {
        DateTimeOffset rotatedAt = DateTimeOffset.UtcNow.AddHours(-2);
        await ApplyAsync(Plan().Changes);
        Assert.Equal(StorageConfigurationStatus.Ok, await SettledStatusAsync());
        _aws.AccessKeyStates[OldKey] = _aws.AccessKeyStates[OldKey] with { LastUsed = rotatedAt.AddHours(1) };

        IcaApplyResult retired = await ApplyAsync(RotationPlanner.Retire(User, OldKey, [_configuration], rotatedAt));

        Assert.Contains("something besides ICA still uses it", retired.Result.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(AccessKeyStatus.Active, _aws.StatusOf(OldKey));
    }

    [Fact]
    public async Task Rotate_SessionEndsBeforeIcaGetsTheKey_IcaKeepsTheOldKey()
    {
        using var cts = new CancellationTokenSource();
        _aws.OnCall = (call, _) =>
        {
            if (call.StartsWith("iam:CreateAccessKey", StringComparison.Ordinal))
            {
                cts.Cancel();
            }

            return Task.CompletedTask;
        };

        IcaApplyResult result = await IcaApplier.ApplyAsync(_ica.Client(), _aws, new SetupPlan(WizardStep.IcaConfiguration, [.. Plan().Changes], [], []), null, "tester", TimeProvider.System, ct: cts.Token);

        Assert.False(result.Result.Succeeded);
        Assert.Equal((OldKey, 0), (HeldByIca.AccessKeyId, _ica.Server.SecretUpdates));
        Assert.Equal(AccessKeyStatus.Active, _aws.StatusOf(OldKey));
        string orphan = Assert.Single(_aws.AccessKeys, k => k != OldKey);
        Assert.Equal(orphan, result.UnsentNewKeyId);

        IcaApplyResult cleaned = await ApplyAsync(RotationPlanner.CleanUp(User, result));

        Assert.True(cleaned.Result.Succeeded, cleaned.Result.Failure?.Message);
        Assert.Equal([OldKey], _aws.AccessKeys);
    }

    [Fact]
    public async Task Rotate_ProcessEndsBetweenCreateKeyAndUpdateSecrets_TheNextPlanNamesTheUnusedKeyDeletesItAndRotates()
    {
        using var cts = new CancellationTokenSource();
        _aws.OnCall = (call, _) =>
        {
            if (call.StartsWith("iam:CreateAccessKey", StringComparison.Ordinal))
            {
                cts.Cancel();
            }

            return Task.CompletedTask;
        };
        await IcaApplier.ApplyAsync(_ica.Client(), _aws, new SetupPlan(WizardStep.IcaConfiguration, [.. Plan().Changes], [], []), null, "tester", TimeProvider.System, ct: cts.Token);
        _aws.OnCall = (_, _) => Task.CompletedTask;
        // The process is gone, so no clean-up ran: the next session finds the key IAM made a moment ago, never used.
        string orphan = Assert.Single(_aws.AccessKeys, k => k != OldKey);
        _aws.AccessKeyStates[orphan] = new AccessKeyState(AccessKeyStatus.Active, DateTimeOffset.UtcNow, null);

        (IReadOnlyList<AccessKeyUse> keys, string? problem) = await AccessKeyReader.ReadAsync(_aws, User);
        RotationPlan next = RotationPlanner.Plan(new RotationRequest(_ica.Server.Url, _credential, User, keys, OldKey, [_configuration], DateTimeOffset.UtcNow, IamWait: TimeSpan.Zero));

        Assert.Null(problem);
        // Only the admin's word says ICA holds OldKey: the orphan is deactivated and tested first, never deleted on that word.
        Assert.Equal(orphan, Assert.IsType<DeactivateUnverifiedKeyChange>(next.Changes[0]).AccessKeyId);
        Assert.Contains("left by a rotation that stopped before ICA got it", next.MakeRoomReason, StringComparison.Ordinal);
        Assert.Equal(StorageConfigurationStatus.Ok, await SettledStatusAsync());
        IcaApplyResult tested = await ApplyAsync(next.Changes);
        Assert.True(tested.Result.Succeeded, tested.Result.Failure?.Message);
        Assert.Equal((AccessKeyStatus.Inactive, 2), (_aws.StatusOf(orphan), _aws.AccessKeys.Count));
        Assert.Equal(StorageConfigurationStatus.Ok, await SettledStatusAsync());

        // ICA read OK without it: the next plan (made from ICA's configuration as it reads now) deletes the inactive
        // orphan first and rotates.
        (keys, _) = await AccessKeyReader.ReadAsync(_aws, User);
        StorageConfiguration now = _configuration with { Status = await SettledStatusAsync() };
        RotationPlan after = RotationPlanner.Plan(new RotationRequest(_ica.Server.Url, _credential, User, keys, OldKey, [now], DateTimeOffset.UtcNow));
        Assert.Equal(orphan, Assert.IsType<DeleteAccessKeyChange>(after.Changes[0]).AccessKeyId);
        IcaApplyResult rotated = await ApplyAsync(after.Changes);
        Assert.True(rotated.Result.Succeeded, rotated.Result.Failure?.Message);
        Assert.Equal((typeof(DeleteAccessKeyChange), ChangeOutcome.Done), (rotated.Result.Changes[0].Change.GetType(), rotated.Result.Changes[0].Outcome));
        string newKey = Assert.Single(_aws.AccessKeys, k => k != OldKey);
        Assert.Equal((newKey, FakeIcaServer.DigestOf(InMemoryAws.NewAccessKeySecret)), (HeldByIca.AccessKeyId, HeldByIca.SecretDigest));
        Assert.Equal(AccessKeyStatus.Active, _aws.StatusOf(OldKey));
    }

    [Fact]
    public async Task CleanUp_EveryNewKeyReachedIca_PlansNothing()
    {
        IcaApplyResult rotated = await ApplyAsync(Plan().Changes);

        Assert.Null(rotated.UnsentNewKeyId);
        Assert.Empty(RotationPlanner.CleanUp(User, rotated));
    }
}
