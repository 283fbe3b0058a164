using IcaKms.Core.Applying;
using IcaKms.Core.Aws;
using IcaKms.Core.Ica;
using IcaKms.Core.Planning;
using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Planning.Rotation;
using IcaKms.Core.Setup;
using IcaKms.Core.Tests.Ica;
using IcaKms.FakeIca;
using IcaKms.TestKit;
using Microsoft.Extensions.Time.Testing;

namespace IcaKms.Core.Tests.Rotation;

/// <summary>
/// Both deactivations of a rotation wait for IAM to apply them before the validation that follows starts: IAM is
/// eventually consistent, so an OK read sooner could have used the key just deactivated. The clock is fake; the test
/// learns that the wait began from the clock's timer (a signal), never from the real clock.
/// </summary>
public sealed class IamPropagationTests : IAsyncLifetime
{
    private const string User = "ica-storage";
    private const string Held = "AKIAHELDKEY000000001";
    private const string Other = "AKIAOTHERKEY00000002";
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(2);
    private readonly InMemoryAws _aws = new();
    private readonly SignallingTime _time = new();
    private FakeIcaFixture _ica = null!;
    private StorageCredential _credential = null!;
    private StorageConfiguration _configuration = null!;

    public async Task InitializeAsync()
    {
        _ica = await FakeIcaFixture.StartAsync();
        IIcaClient client = _ica.Client();
        _credential = (await client.CreateStorageCredentialAsync(new StorageCredentialRequest("lab-credential", StorageCredential.AwsUserType, new AwsAccessKey(Held, "HeldSecretOfTheIcaUser/0123456789abcdefGH")))).Value!;
        _configuration = (await client.CreateStorageConfigurationAsync(StorageConfigurationRequest.Create(Samples.Configuration(), _credential.Id, FakeIcaScenario.AuRegionId))).Value!;
        _aws.AddAccessKey(Held, AccessKeyStatus.Active, DateTimeOffset.UtcNow.AddDays(-1));
        _aws.AddAccessKey(Other, AccessKeyStatus.Active);
    }

    public async Task DisposeAsync() => await _ica.DisposeAsync();

    public static TheoryData<string> Deactivations => ["retire", "test the other key"];

    [Theory]
    [MemberData(nameof(Deactivations))]
    public async Task Deactivation_ValidationDoesNotStartBeforeIamsWaitEnds(string step)
    {
        IReadOnlyList<IcaPlanChange> changes = await ChangesAsync(step);
        int validationsBefore = Validations;
        var records = new List<AppliedChange>();

        Task<IcaApplyResult> apply = IcaApplier.ApplyAsync(_ica.Client(), _aws, new SetupPlan(WizardStep.IcaConfiguration, [.. changes], [], []), null, "tester", _time, records.Add);
        Task first = await Task.WhenAny(_time.WaitStarted.Task, apply);

        // The key is inactive, the wait began, and ICA was not asked to validate: an OK read now would prove nothing.
        Assert.NotSame(apply, first);
        string key = Assert.IsAssignableFrom<IcaPlanChange>(changes[0]).Resource;
        Assert.Equal(AccessKeyStatus.Inactive, _aws.StatusOf(key));
        Assert.Equal(validationsBefore, Validations);
        _time.Advance(Wait - TimeSpan.FromSeconds(1));
        Assert.False(apply.IsCompleted);
        Assert.Equal(validationsBefore, Validations);

        _time.Advance(TimeSpan.FromSeconds(1));
        IcaApplyResult result = await apply;

        Assert.True(result.Result.Succeeded, result.Result.Failure?.Message);
        Assert.Equal(validationsBefore + 1, Validations);
        Assert.Contains("Waited 2 min for IAM to apply it", records[0].Message, StringComparison.Ordinal);
        Assert.Contains("waits 2 min for IAM", changes[0].Title, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Deactivations))]
    public async Task Deactivation_SessionEndsDuringTheWait_NoValidationIsTakenAsEvidence(string step)
    {
        IReadOnlyList<IcaPlanChange> changes = await ChangesAsync(step);
        int validationsBefore = Validations;
        using var cts = new CancellationTokenSource();

        Task<IcaApplyResult> apply = IcaApplier.ApplyAsync(_ica.Client(), _aws, new SetupPlan(WizardStep.IcaConfiguration, [.. changes], [], []), null, "tester", _time, ct: cts.Token);
        Assert.NotSame(apply, await Task.WhenAny(_time.WaitStarted.Task, apply));
        await cts.CancelAsync();
        IcaApplyResult result = await apply;

        Assert.Equal(validationsBefore, Validations);
        Assert.Contains("no validation follows", result.Result.Changes[0].Message, StringComparison.Ordinal);
        Assert.All(result.Result.Changes.Skip(1), c => Assert.Equal(ChangeOutcome.NotDone, c.Outcome));
    }

    private int Validations => _ica.Server.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith(":validate", StringComparison.Ordinal));

    // The changes of each deactivation, each followed by the validation that is to count.
    private async Task<IReadOnlyList<IcaPlanChange>> ChangesAsync(string step)
    {
        await SettleOkAsync();
        if (step == "retire")
        {
            // Other plays the new key ICA got; Held is the old key being retired.
            await _ica.Client().UpdateStorageCredentialSecretsAsync(_credential.Id, new AwsAccessKey(Other, "NewSecretOfTheIcaUser/0123456789abcdefGH"));
            await SettleOkAsync();
            return [.. RotationPlanner.Retire(User, Held, [_configuration], DateTimeOffset.UtcNow.AddMinutes(-1), Wait),
                new ValidateStorageConfigurationChange(_ica.Server.Url, _configuration.Name, _configuration.Id)];
        }

        IReadOnlyList<AccessKeyUse> keys = [.. _aws.AccessKeys.Select(id => new AccessKeyUse(id, _aws.StatusOf(id), InMemoryAws.DefaultKeyCreated, null))];
        RotationPlan plan = RotationPlanner.Plan(new RotationRequest(_ica.Server.Url, _credential, User, keys, Held, [_configuration], DateTimeOffset.UtcNow, IamWait: Wait));
        Assert.Equal(Other, plan.UnverifiedKeyId);
        return plan.Changes;
    }

    private async Task SettleOkAsync()
    {
        await _ica.Client().ValidateStorageConfigurationAsync(_configuration.Id);
        StorageConfiguration? read = null;
        for (int i = 0; i < 10 && read?.IsSettled != true; i++)
        {
            read = (await _ica.Client().GetStorageConfigurationAsync(_configuration.Id)).Value;
        }

        Assert.Equal(StorageConfigurationStatus.Ok, read!.Status);
    }

    /// <summary>A fake clock that says when a change starts waiting on it.</summary>
    private sealed class SignallingTime : FakeTimeProvider
    {
        public TaskCompletionSource WaitStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            ITimer timer = base.CreateTimer(callback, state, dueTime, period);
            WaitStarted.TrySetResult();
            return timer;
        }
    }
}
