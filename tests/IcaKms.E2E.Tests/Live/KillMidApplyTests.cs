using System.Security.Cryptography;
using IcaKms.E2E.Tests.Infrastructure;
using IcaKms.E2E.Tests.Pages;
using IcaKms.FakeAws;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IcaKms.E2E.Tests.Live;

/// <summary>
/// Faults while writing (issue 23): the app process is killed (SIGKILL) in the middle of an apply, between its first and
/// its second write, and started again on the same AWS. The fake AWS stops the app right after the first write (it holds
/// every later call: the signal the test waits for), so the kill falls between two writes whatever the machine's speed.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class KillMidApplyTests(BrowserFixture browser)
{
    private const string Secret = "E2eKillSecretValue/0123456789";
    private const string Token = "E2eKillTokenValue0123456789";

    [Fact]
    public async Task KilledMidApply_ARestartedAppPlansExactlyWhatIsLeft_AndNothingIsWrittenTwice()
    {
        string bucket = $"lab-e2e-kill-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
        await using FakeAwsServer aws = FakeAwsServer.Start();
        string keyArn = aws.Scenario.DefaultKeyArn;

        // The first app: plan the bucket (5 changes), apply, and die after the first write.
        IReadOnlyList<string> planned = [];
        var first = new AppServer(new Dictionary<string, string>(), aws);
        try
        {
            await first.InitializeAsync();
            await using WizardTab tab = await WizardTab.OpenConnectedAsync(browser, first.BaseUrl, Secret, Token);
            await tab.Wizard.Bucket.FillAsync(bucket, keyArn, "ica/");
            var plan = new PlanPanelPage(tab.Page, "bucket");
            await plan.PlanAsync();
            await Expect(plan.Changes).ToHaveCountAsync(5);
            await Expect(plan.Changes.First).ToContainTextAsync($"Create the bucket {bucket}");
            planned = await Titles(plan);

            aws.HoldRequestsAfter(r => r.Operation == "s3:CreateBucket" && r.StatusCode == 200);
            await plan.Root.GetByRole(AriaRole.Button, new() { Name = "Apply 5 changes…" }).ClickAsync();
            await plan.Root.GetByRole(AriaRole.Button, new() { Name = "Confirm and apply" }).ClickAsync();
            await aws.WaitUntilAsync(() => aws.HeldRequests > 0, "the app's next call after CreateBucket", TimeSpan.FromSeconds(30));

            first.Kill();
            aws.DropHeldRequests(); // lost with the process that sent it
        }
        finally
        {
            await first.DisposeAsync();
        }

        Assert.Equal(["s3:CreateBucket"], Writes(aws).Select(w => w.Operation));
        Assert.NotNull(aws.Bucket(bucket));
        Assert.NotEqual(keyArn, aws.Bucket(bucket)!.Encryption?.KmsMasterKeyId);

        // The app again, on the same AWS: a new inspection and plan see the bucket and plan what is left of the first
        // plan: not the bucket, nor what S3 gave the new bucket by default (object ownership, the public access block).
        var second = new AppServer(new Dictionary<string, string>(), aws);
        await second.InitializeAsync();
        try
        {
            await using WizardTab again = await WizardTab.OpenConnectedAsync(browser, second.BaseUrl, Secret, Token);
            await again.Wizard.Bucket.FillAsync(bucket, keyArn, "ica/");
            await again.Page.GetByRole(AriaRole.Button, new() { Name = "Inspect bucket and key" }).ClickAsync();
            try
            {
                await Expect(again.Page.GetByTestId("live-bucket-encryption")).ToContainTextAsync("fail", new() { Timeout = 20_000 });
            }
            catch (PlaywrightException missing)
            {
                // Seen once in a fresh clone on a loaded machine: the click left no inspection, no progress and no message.
                // Say what the restarted app logged about it, so the next failure explains itself.
                throw new InvalidOperationException(
                    $"{missing.Message}\nThe restarted app's warnings and errors:\n{Problems(second.Output)}", missing);
            }
            var rest = new PlanPanelPage(again.Page, "bucket");
            await rest.PlanAsync();
            IReadOnlyList<string> left = await Titles(rest);
            Assert.NotEmpty(left);
            Assert.Subset(planned.Skip(1).ToHashSet(), left.ToHashSet());
            Assert.Contains(left, title => title.Contains("KMSMasterKeyID", StringComparison.Ordinal) || title.Contains("encryption", StringComparison.OrdinalIgnoreCase));
            await rest.ApplyAsync(left.Count);
            await Expect(rest.AppliedChanges.Filter(new() { HasText = "— done" })).ToHaveCountAsync(left.Count);
            await Expect(rest.NothingToChange).ToBeVisibleAsync(new() { Timeout = 20_000 });
            await Expect(again.Page.GetByTestId("live-bucket-encryption")).ToContainTextAsync("pass", new() { Timeout = 20_000 });
            Assert.Equal(keyArn, aws.Bucket(bucket)!.Encryption!.KmsMasterKeyId);
        }
        finally
        {
            await second.DisposeAsync();
        }

        // Every write of both apps, once: the same operation on the same address never twice.
        IReadOnlyList<FakeAwsRequest> writes = Writes(aws);
        Assert.True(writes.Count >= 3, $"Expected the bucket, its encryption and its folder written, got: {string.Join(", ", writes.Select(w => w.Operation))}");
        Assert.Empty(writes.GroupBy(w => (w.Operation, w.PathAndQuery)).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Single(writes, w => w.Operation == "s3:CreateBucket");
    }

    /// <summary>The lines of an app's output that report a warning, an error or an exception (at most the last 60).</summary>
    private static string Problems(string output) =>
        string.Join('\n', output.Split('\n')
            .Where(line => line.Contains("warn:", StringComparison.Ordinal) || line.Contains("fail:", StringComparison.Ordinal)
                || line.Contains("crit:", StringComparison.Ordinal) || line.Contains("Exception", StringComparison.Ordinal))
            .TakeLast(60));

    /// <summary>The titles of a shown plan's changes, in order (their first line).</summary>
    private static async Task<IReadOnlyList<string>> Titles(PlanPanelPage plan) =>
        [.. (await plan.Changes.AllInnerTextsAsync()).Select(text => text.Split('\n')[0].Trim())];

    /// <summary>The writes the fake applied to the test's account (S3 Create*/Put*/Delete*, answered 2xx), in order.</summary>
    private static IReadOnlyList<FakeAwsRequest> Writes(FakeAwsServer aws) =>
        [.. aws.Requests.Where(r => r.StatusCode is >= 200 and < 300
            && (r.Operation.StartsWith("s3:Put", StringComparison.Ordinal) || r.Operation.StartsWith("s3:Create", StringComparison.Ordinal)
                || r.Operation.StartsWith("s3:Delete", StringComparison.Ordinal)))];
}
