using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IcaKms.FakeAws;
using IcaKms.FakeIca;

namespace IcaKms.Cli.Tests;

/// <summary>
/// <c>icakms ica rotate</c> against the loopback fake AWS and ICA: the whole rotation, and each failure leaving ICA one
/// active key it holds and saying so; no secret in any output or file.
/// </summary>
public sealed partial class IcaRotateCommandTests : IAsyncLifetime
{
    private const string User = FakeAwsScenario.DefaultIamUserName;
    private const string OldSecret = "OldSecretOfTheIcaUser/0123456789abcdefGH";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "icakms-rotate-" + Guid.NewGuid().ToString("N"));
    private FakeIcaServer _ica = null!;
    private FakeAwsServer _aws = null!;
    private string _oldKey = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _ica = await FakeIcaServer.StartAsync();
        _aws = FakeAwsServer.Start(new FakeAwsScenario());
        _oldKey = _aws.AddAccessKey(User);
        FakeIcaCredential credential = _ica.AddCredential("ica-storage", _oldKey);
        _ica.AddConfiguration("lab-data", credential.Id, FakeIcaScenario.UsRegionId, "ica-lab-data", "ica/", null);
    }

    public async Task DisposeAsync()
    {
        await _ica.DisposeAsync();
        await _aws.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private string AuditFile => Path.Combine(_dir, "audit.jsonl");

    private FakeIcaCredential HeldByIca => Assert.Single(_ica.Credentials);

    [Fact]
    public async Task Rotate_WithoutYes_PrintsThePlanAndChangesNothing()
    {
        CliResult result = await Cli().RunAsync(Rotate());

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("Create an access key", result.Out, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"in place of {_oldKey}", result.Out, StringComparison.Ordinal);
        Assert.Contains("Run again with --yes", result.Out, StringComparison.Ordinal);
        Assert.Equal([_oldKey], _aws.AccessKeysOf(User));
        Assert.Equal(0, _ica.SecretUpdates);
    }

    [Fact]
    public async Task Rotate_FromAWorkingSetup_EndsOnTheNewKeyThenRetiresAndDeletesTheOld()
    {
        CliResult rotated = await Cli().RunAsync([.. Rotate(), "--yes", "--audit-log", AuditFile]);

        Assert.True(rotated.ExitCode == 0, rotated.All);
        string newKey = Assert.Single(_aws.AccessKeysOf(User), k => k != _oldKey);
        Assert.Equal((newKey, _aws.AccessKeySecretDigest(newKey)), (HeldByIca.AccessKeyId, HeldByIca.SecretDigest));
        Assert.Equal("Active", _aws.AccessKeyStatus(_oldKey));
        Assert.Contains("ICA validated lab-data: OK.", rotated.Out, StringComparison.Ordinal);
        Assert.Contains($"holds {newKey}; the access keys of {User}: ", rotated.Out, StringComparison.Ordinal);
        string rotatedAt = RotatedAt().Match(rotated.Out).Groups["at"].Value;
        Assert.NotEmpty(rotatedAt);

        CliResult retired = await Cli().RunAsync([.. Rotate(), "--retire", _oldKey, "--rotated-at", rotatedAt, "--yes", "--audit-log", AuditFile]);

        Assert.True(retired.ExitCode == 0, retired.All);
        Assert.Equal(("Inactive", "Active"), (_aws.AccessKeyStatus(_oldKey), _aws.AccessKeyStatus(newKey)));
        Assert.Contains($"--delete-old {_oldKey}", retired.Out, StringComparison.Ordinal);

        CliResult deleted = await Cli().RunAsync([.. Rotate(), "--delete-old", _oldKey, "--yes", "--audit-log", AuditFile]);

        Assert.True(deleted.ExitCode == 0, deleted.All);
        Assert.Equal([newKey], _aws.AccessKeysOf(User));
        Assert.Equal(newKey, HeldByIca.AccessKeyId);
        // One audit event per change: create, updateSecrets, validate; deactivate, validate; delete. Key ids, no secret.
        JsonNode[] events = [.. File.ReadAllLines(AuditFile).Select(l => JsonNode.Parse(l)!)];
        Assert.Equal(6, events.Length);
        Assert.All(events, e => Assert.Equal("Done", (string?)e["Outcome"]));
        Assert.Contains(events, e => ((string?)e["Resource"])?.Contains(_oldKey, StringComparison.Ordinal) == true);
        AssertNoSecret(newKey, rotated.All + retired.All + deleted.All + File.ReadAllText(AuditFile));
    }

    [Fact]
    public async Task Rotate_TwoKeysAndTheOtherInUse_RefusesWithExit3AndChangesNothing()
    {
        string other = _aws.AddAccessKey(User);
        _aws.MarkAccessKeyUsed(other, DateTimeOffset.UtcNow.AddDays(-1));

        CliResult result = await Cli().RunAsync([.. Rotate(), "--held-key", _oldKey, "--yes"]);

        Assert.True(result.ExitCode == 3, result.All);
        Assert.Contains($"already has two keys (IAM's maximum) and the one ICA does not hold, {other}, is active", result.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed.", result.Error, StringComparison.Ordinal);
        Assert.Equal((_oldKey, 0), (HeldByIca.AccessKeyId, _ica.SecretUpdates));
        Assert.Equal(("Active", "Active"), (_aws.AccessKeyStatus(_oldKey), _aws.AccessKeyStatus(other)));
    }

    [Fact]
    public async Task Rotate_TwoKeysWithoutSayingWhichIcaHolds_AsksWhichWithExit3()
    {
        _aws.AddAccessKey(User);

        CliResult result = await Cli().RunAsync([.. Rotate(), "--yes"]);

        Assert.True(result.ExitCode == 3, result.All);
        Assert.Contains("confirm which", result.Error, StringComparison.Ordinal);
        Assert.Equal(2, _aws.AccessKeysOf(User).Count);
    }

    [Fact]
    public async Task Rotate_TwoKeysAndTheOtherInactive_DeletesItFirstAndRotates()
    {
        string other = _aws.AddAccessKey(User);
        _aws.SetAccessKeyStatus(other, "Inactive");

        CliResult result = await Cli().RunAsync([.. Rotate(), "--held-key", _oldKey, "--yes"]);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains($"Delete the access key {other}", result.Out, StringComparison.Ordinal);
        string newKey = Assert.Single(_aws.AccessKeysOf(User), k => k != _oldKey);
        Assert.NotEqual(other, newKey);
        Assert.Equal(newKey, HeldByIca.AccessKeyId);
    }

    [Fact]
    public async Task Rotate_IcaHoldsTheNewKeyButTheAdminNamesTheOld_KeepsTheNewKeyActiveAndSaysTheAnswerWasWrong()
    {
        // A session ended right after ICA got a new key: ICA works on it, it shows no use yet, and the admin names the old.
        string newKey = _aws.AddAccessKey(User);
        _ica.HoldKey(HeldByIca.Id, newKey);
        _ica.AwsRefusesKey = key => _aws.AccessKeyStatus(key) != "Active";

        CliResult result = await Cli().RunAsync([.. Rotate(), "--held-key", _oldKey, "--yes", "--audit-log", AuditFile]);

        Assert.True(result.ExitCode == 1, result.All);
        Assert.Contains($"Deactivate the access key {newKey}", result.Out, StringComparison.Ordinal);
        Assert.Contains($"Your answer was wrong: ICA holds {newKey}, not {_oldKey}", result.Out, StringComparison.Ordinal);
        Assert.Contains($"{newKey} was made active again at once, and nothing was deleted.", result.Out, StringComparison.Ordinal);
        Assert.Equal(2, _aws.AccessKeysOf(User).Count);
        Assert.Equal(("Active", "Active", newKey), (_aws.AccessKeyStatus(newKey), _aws.AccessKeyStatus(_oldKey), HeldByIca.AccessKeyId));
        Assert.Equal(0, _ica.SecretUpdates);

        // ICA still works on the new key.
        CliResult watched = await Cli().RunAsync(["ica", "validate", "--ica-url", _ica.Url.AbsoluteUri, "--configuration-name", "lab-data"]);
        Assert.True(watched.ExitCode == 0, watched.All);
    }

    [Fact]
    public async Task Rotate_IcaRefusesTheNewSecret_DeletesTheNewKeyAndIcaKeepsTheOld()
    {
        _ica.Fault = FakeIcaFault.Forbidden;
        _ica.FaultPath = "POST /api/storageCredentials/";

        CliResult result = await Cli().RunAsync([.. Rotate(), "--yes"]);

        Assert.True(result.ExitCode == 1, result.All);
        Assert.Contains("ICA refused the new access key", result.Error, StringComparison.Ordinal);
        Assert.Contains($"Left: ICA's credential ica-storage holds {_oldKey}; the access keys of {User}: {_oldKey} active.", result.Out, StringComparison.Ordinal);
        Assert.Equal([_oldKey], _aws.AccessKeysOf(User));
        Assert.Equal(_oldKey, HeldByIca.AccessKeyId);
    }

    [Fact]
    public async Task Rotate_ValidationEndsInError_KeepsTheOldKeyActiveAndRollBackGivesItBack()
    {
        _ica.AwsRefusesKey = key => key != _oldKey;

        CliResult rotated = await Cli().RunAsync([.. Rotate(), "--yes", "--audit-log", AuditFile]);

        Assert.True(rotated.ExitCode == 1, rotated.All);
        string newKey = Assert.Single(_aws.AccessKeysOf(User), k => k != _oldKey);
        Assert.Contains("ICA's validation of lab-data failed: Access Denied", rotated.Out, StringComparison.Ordinal);
        Assert.Contains($"the old key {_oldKey} stays active, so nothing was retired", rotated.Out, StringComparison.Ordinal);
        Assert.Contains($"--roll-back {_oldKey} --yes", rotated.Out, StringComparison.Ordinal);
        Assert.Equal(("Active", "Active", newKey), (_aws.AccessKeyStatus(_oldKey), _aws.AccessKeyStatus(newKey), HeldByIca.AccessKeyId));

        CliRun rollBack = Cli();
        rollBack.Environment[Ica.IcaRotateCommand.OldSecretVariable] = OldSecret;
        CliResult back = await rollBack.RunAsync([.. Rotate(), "--roll-back", _oldKey, "--yes", "--audit-log", AuditFile]);

        Assert.True(back.ExitCode == 0, back.All);
        Assert.Equal((_oldKey, FakeIcaServer.DigestOf(OldSecret)), (HeldByIca.AccessKeyId, HeldByIca.SecretDigest));
        Assert.Equal([_oldKey], _aws.AccessKeysOf(User));
        Assert.Contains($"Left: ICA's credential ica-storage holds {_oldKey}; the access keys of {User}: {_oldKey} active.", back.Out, StringComparison.Ordinal);
        string everything = rotated.All + back.All + File.ReadAllText(AuditFile);
        Assert.DoesNotContain(OldSecret, everything, StringComparison.Ordinal);
        AssertNoSecret(newKey, everything);
    }

    [Fact]
    public async Task RollBack_WithoutTheOldSecret_SaysWhereToPutItAndChangesNothing()
    {
        Assert.Equal(0, (await Cli().RunAsync([.. Rotate(), "--yes"])).ExitCode);
        string newKey = Assert.Single(_aws.AccessKeysOf(User), k => k != _oldKey);

        CliResult result = await Cli().RunAsync([.. Rotate(), "--roll-back", _oldKey, "--yes"]);

        Assert.True(result.ExitCode == 3, result.All);
        Assert.Contains(Ica.IcaRotateCommand.OldSecretVariable, result.Error, StringComparison.Ordinal);
        Assert.Equal(newKey, HeldByIca.AccessKeyId);
        Assert.Equal(2, _aws.AccessKeysOf(User).Count);
    }

    [Fact]
    public async Task Retire_OldKeyStillInUse_KeepsItActiveAndSaysSo()
    {
        Assert.Equal(0, (await Cli().RunAsync([.. Rotate(), "--yes"])).ExitCode);
        string newKey = Assert.Single(_aws.AccessKeysOf(User), k => k != _oldKey);
        _aws.MarkAccessKeyUsed(_oldKey, DateTimeOffset.UtcNow.AddMinutes(1));

        CliResult result = await Cli().RunAsync([.. Rotate(), "--retire", _oldKey, "--yes"]);

        Assert.True(result.ExitCode == 1, result.All);
        Assert.Contains("something besides ICA still uses it", result.Error, StringComparison.Ordinal);
        Assert.Contains($"Left: ICA's credential ica-storage holds {newKey}", result.Out, StringComparison.Ordinal);
        Assert.Equal(("Active", newKey), (_aws.AccessKeyStatus(_oldKey), HeldByIca.AccessKeyId));
    }

    [Fact]
    public async Task Retire_ValidationWithoutTheOldKeyFails_MakesItActiveAgain()
    {
        Assert.Equal(0, (await Cli().RunAsync([.. Rotate(), "--yes"])).ExitCode);
        _ica.AwsRefusesKey = key => key != _oldKey;

        CliResult result = await Cli().RunAsync([.. Rotate(), "--retire", _oldKey, "--yes"]);

        Assert.True(result.ExitCode == 1, result.All);
        Assert.Contains($"{_oldKey} is active again", result.Out, StringComparison.Ordinal);
        Assert.Equal("Active", _aws.AccessKeyStatus(_oldKey));
    }

    [Fact]
    public async Task DeleteOld_AnActiveKey_IsRefusedUntilRetired()
    {
        Assert.Equal(0, (await Cli().RunAsync([.. Rotate(), "--yes"])).ExitCode);

        CliResult result = await Cli().RunAsync([.. Rotate(), "--delete-old", _oldKey, "--yes"]);

        Assert.True(result.ExitCode == 3, result.All);
        Assert.Contains("retire it first", result.Error, StringComparison.Ordinal);
        Assert.Equal(2, _aws.AccessKeysOf(User).Count);
    }

    [Fact]
    public async Task Rotate_CtrlCBetweenCreateKeyAndUpdateSecrets_DeletesTheNewKeyAtOnceAuditedAndIcaKeepsTheOld()
    {
        CliRun cli = Cli();
        // Ctrl+C as soon as the command says IAM made the key: before the next change, ICA's :updateSecrets.
        cli.CtrlCWhenPrinted = "done Create an access key";

        CliResult result = await cli.RunAsync([.. Rotate(), "--yes", "--audit-log", AuditFile]);

        Assert.True(result.ExitCode == 1, result.All);
        Assert.Equal([_oldKey], _aws.AccessKeysOf(User));
        Assert.Equal("Active", _aws.AccessKeyStatus(_oldKey));
        Assert.Equal((_oldKey, 0), (HeldByIca.AccessKeyId, _ica.SecretUpdates));
        Assert.Contains("it was deleted at once", result.Error, StringComparison.Ordinal);
        Assert.Contains($"holds {_oldKey}; the access keys of {User}: {_oldKey} active.", result.Out, StringComparison.Ordinal);
        // The audit: the create, the two changes not sent, and the clean-up's delete of the new key.
        JsonNode[] events = [.. File.ReadAllLines(AuditFile).Select(l => JsonNode.Parse(l)!)];
        Assert.Equal(["Done", "NotDone", "NotDone", "Done"], events.Select(e => (string?)e["Outcome"]));
        string newKey = (string)events[3]["Resource"]!;
        Assert.NotEqual(_oldKey, newKey);
        Assert.Contains("iam:DeleteAccessKey", (string?)events[3]["message"], StringComparison.Ordinal);
        AssertNoSecret(newKey, result.All + File.ReadAllText(AuditFile));
    }

    [Fact]
    public async Task Rotate_TwoStepsAtOnce_IsAParseErrorWithExit3()
    {
        CliResult result = await Cli().RunAsync([.. Rotate(), "--retire", _oldKey, "--delete-old", _oldKey]);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("separate steps", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--retire")]
    [InlineData("--delete-old")]
    [InlineData("--roll-back")]
    public async Task Step_AKeyTheUserDoesNotHave_SaysWhichKeysItHasWithExit3(string step)
    {
        CliResult result = await Cli().RunAsync([.. Rotate(), step, "AKIANOSUCHKEY0000000", "--yes"]);

        Assert.True(result.ExitCode == 3, result.All);
        Assert.Contains($"{step}: {User} has no access key AKIANOSUCHKEY0000000 (its keys: {_oldKey}). Nothing was changed.", result.Error, StringComparison.Ordinal);
        Assert.Equal([_oldKey], _aws.AccessKeysOf(User));
        Assert.Equal(("Active", 0), (_aws.AccessKeyStatus(_oldKey), _ica.SecretUpdates));
    }

    // No 40-character token of any output hashes to the new key's secret (the fake keeps only its digest).
    private void AssertNoSecret(string newKey, string text)
    {
        string digest = _aws.AccessKeySecretDigest(newKey)!;
        Assert.DoesNotContain(SecretShaped().Matches(text), m => FakeIcaServer.DigestOf(m.Value) == digest);
        Assert.DoesNotContain(CliRun.Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeIcaScenario.DefaultApiKey, text, StringComparison.Ordinal);
    }

    private CliRun Cli()
    {
        var cli = new CliRun();
        cli.Environment["ICA_API_KEY"] = FakeIcaScenario.DefaultApiKey;
        return cli;
    }

    private string[] Rotate() =>
    [
        "ica", "rotate", "--ica-url", _ica.Url.AbsoluteUri, "--endpoint-url", _aws.Url.AbsoluteUri,
        "--credential", "ica-storage", "--iam-user", User, "--configuration-name", "lab-data",
        // No wait for IAM after a deactivation here: Core's IamPropagationTests hold the wait, on a fake clock.
        "--iam-propagation-wait", "0",
    ];

    [GeneratedRegex(@"--rotated-at (?<at>\S+)")]
    private static partial Regex RotatedAt();

    [GeneratedRegex(@"[A-Za-z0-9+/=]{40}")]
    private static partial Regex SecretShaped();
}
