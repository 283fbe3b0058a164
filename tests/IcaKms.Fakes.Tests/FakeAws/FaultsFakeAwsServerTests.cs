using IcaKms.FakeAws;

namespace IcaKms.Fakes.Tests.FakeAws;

/// <summary>
/// The fake's faults for the load benchmark and the kill-mid-apply test: holding every call after a given one, dropping
/// held calls unanswered, and answers whose bodies stall.
/// </summary>
public sealed class FaultsFakeAwsServerTests
{
    [Fact]
    public async Task HoldRequestsAfter_HoldsTheNextCall_AndDropHeldRequests_LeavesItUnanswered()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start();
        using var http = new HttpClient { BaseAddress = aws.Url };
        aws.HoldRequestsAfter(r => r.PathAndQuery == "/first-bucket");

        using HttpResponseMessage first = await http.GetAsync("first-bucket");
        Task<HttpResponseMessage> second = http.GetAsync("second-bucket");
        await aws.WaitUntilAsync(() => aws.HeldRequests == 1, "the call after the trigger held");
        aws.DropHeldRequests();

        // Aborted: no answer of the fake's (HttpListener on Linux closes an aborted response as an empty one).
        using (HttpResponseMessage dropped = await second)
        {
            Assert.Empty(await dropped.Content.ReadAsByteArrayAsync());
        }

        Assert.Equal(["/first-bucket", "/second-bucket"], aws.Requests.Select(r => r.PathAndQuery));
        Assert.Equal("fake:Dropped", aws.Requests[1].Operation);
        using HttpResponseMessage third = await http.GetAsync("third-bucket"); // no longer held
        Assert.NotEqual("fake:Dropped", aws.Requests[^1].Operation);
    }

    [Fact]
    public async Task StalledBody_SendsTheHeadersAndHalfTheBody_ThenNothingUntilTheServerStops()
    {
        FakeAwsServer aws = FakeAwsServer.Start();
        using var http = new HttpClient { BaseAddress = aws.Url, Timeout = Timeout.InfiniteTimeSpan };
        aws.Fault = FakeAwsFault.StalledBody;

        using HttpResponseMessage response = await http.GetAsync("some-bucket", HttpCompletionOption.ResponseHeadersRead);
        long length = response.Content.Headers.ContentLength ?? 0;
        Assert.True(length > 1);
        await using Stream body = await response.Content.ReadAsStreamAsync();
        var halfRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<long> reading = Task.Run(async () =>
        {
            long total = 0;
            byte[] buffer = new byte[1024];
            try
            {
                int read;
                while ((read = await body.ReadAsync(buffer)) > 0)
                {
                    total += read;
                    if (total >= length / 2)
                    {
                        halfRead.TrySetResult();
                    }
                }
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                // the connection was dropped with the body unfinished
            }

            return total;
        });

        await halfRead.Task;
        await aws.DisposeAsync();

        Assert.Equal(length / 2, await reading);
    }
}
