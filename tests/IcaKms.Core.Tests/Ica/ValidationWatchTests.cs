using IcaKms.Core.Ica;
using IcaKms.FakeIca;

namespace IcaKms.Core.Tests.Ica;

public class ValidationWatchTests
{
    private static readonly ValidationWatch Fast = new(TimeProvider.System) { FirstDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(40), Limit = TimeSpan.FromSeconds(5) };

    [Fact]
    public void Delays_BackOffToTheCap_WithinTheLimit()
    {
        var watch = new ValidationWatch(TimeProvider.System) { FirstDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(10), Limit = TimeSpan.FromSeconds(60) };

        Assert.Equal([1, 2, 4, 8, 10, 10, 10, 10], watch.Delays().Select(d => (int)d.TotalSeconds));
    }

    [Fact]
    public async Task Watch_FollowsInitializingToOk()
    {
        await using FakeIcaFixture ica = await FakeIcaFixture.StartAsync(new FakeIcaScenario { PollsUntilSettled = 3 });
        string id = await CreateAsync(ica);
        var seen = new List<string>();

        ValidationProgress? end = null;
        await foreach (ValidationProgress progress in Fast.WatchAsync(ica.Client(), id))
        {
            seen.Add(progress.Configuration!.Status);
            end = progress;
        }

        Assert.Equal(["INITIALIZING", "INITIALIZING", "OK"], seen);
        Assert.Equal((StorageConfigurationStatus.Ok, 3, false), (end!.Configuration!.Status, end.Reads, end.TimedOut));
    }

    [Fact]
    public async Task Watch_EndsInError_WithIcasMessage()
    {
        const string message = "Access Denied (Service: S3, Status Code: 403) when writing to the bucket";
        await using FakeIcaFixture ica = await FakeIcaFixture.StartAsync(new FakeIcaScenario { ValidationErrors = new Dictionary<string, string> { [Samples.Bucket] = message } });
        string id = await CreateAsync(ica);

        ValidationProgress end = await LastAsync(Fast.WatchAsync(ica.Client(), id));

        Assert.Equal((StorageConfigurationStatus.Error, message), (end.Configuration!.Status, end.Configuration.ErrorMessage));
    }

    [Fact]
    public async Task Watch_GivesUpAtTheLimit()
    {
        await using FakeIcaFixture ica = await FakeIcaFixture.StartAsync(new FakeIcaScenario { PollsUntilSettled = 1000 });
        string id = await CreateAsync(ica);
        var watch = new ValidationWatch(TimeProvider.System) { FirstDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(20), Limit = TimeSpan.FromMilliseconds(100) };

        ValidationProgress end = await LastAsync(watch.WatchAsync(ica.Client(), id));

        Assert.True(end.TimedOut);
        Assert.Equal(StorageConfigurationStatus.Initializing, end.Configuration!.Status);
    }

    private static async Task<ValidationProgress> LastAsync(IAsyncEnumerable<ValidationProgress> watch)
    {
        ValidationProgress? last = null;
        await foreach (ValidationProgress progress in watch)
        {
            last = progress;
        }

        return last!;
    }

    private static async Task<string> CreateAsync(FakeIcaFixture ica)
    {
        IIcaClient client = ica.Client();
        Result<StorageCredential, IcaFailure> credential = await client.CreateStorageCredentialAsync(
            new StorageCredentialRequest("ica-user", "AWS_USER", new AwsAccessKey("AKIAEXAMPLE000000001", "secret")));
        Assert.True(credential.Succeeded, credential.Failure?.Message);
        Result<StorageConfiguration, IcaFailure> created = await client.CreateStorageConfigurationAsync(
            StorageConfigurationRequest.Create(Samples.Configuration(), credential.Value!.Id, FakeIcaScenario.AuRegionId));
        Assert.True(created.Succeeded, created.Failure?.Message);
        return created.Value!.Id;
    }
}
