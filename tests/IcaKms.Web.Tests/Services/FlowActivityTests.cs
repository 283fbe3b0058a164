using IcaKms.TestKit;
using IcaKms.Web.Services;
using IcaKms.Web.Tests.Live;
using Microsoft.AspNetCore.Components;

namespace IcaKms.Web.Tests.Services;

/// <summary>
/// The one helper every AWS and ICA flow runs its intents with: busy → notify → run → keep the result only under the same
/// connection → idle → notify. Each test holds the work on a signal it releases itself: no clock.
/// </summary>
public sealed class FlowActivityTests : WizardTestContext
{
    private readonly ChangeSubscriptions _changes = new();
    private readonly List<Work> _seen = [];
    private readonly List<(string Result, Work During)> _kept = [];
    private FlowActivity<Work, AwsConnection.ConnectedSession> _activity = null!;

    private enum Work
    {
        Idle,
        Busy,
    }

    [Fact]
    public async Task RunAsync_GoesBusyThenIdle_TellingSubscribersAtEach_AndKeepsTheResultWhileBusy()
    {
        await ConnectedActivityAsync();
        var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);

        Task running = Run(answer);
        Assert.Equal([Work.Busy], _seen);
        Assert.Equal(Work.Busy, _activity.Current);
        Assert.False(_activity.IsIdle);
        answer.SetResult("read");
        await running;

        Assert.Equal([Work.Busy, Work.Idle], _seen);
        Assert.Equal([("read", Work.Busy)], _kept);
        Assert.True(_activity.IsIdle);
    }

    [Fact]
    public async Task RunAsync_DropsTheResult_WhenDisconnectedAndReconnectedMeanwhile()
    {
        await ConnectedActivityAsync();
        var stale = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task running = Run(stale);

        await Connection.DisconnectAsync();
        Assert.Null(await ConnectAsync());
        stale.SetResult("read with the old credentials");
        await running;

        Assert.Empty(_kept);
        Assert.True(_activity.IsIdle);
    }

    [Fact]
    public async Task RunAsync_LeavesANewConnectionsIntentBusy_WhenAStaleOneEnds()
    {
        await ConnectedActivityAsync();
        var stale = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task first = Run(stale);
        await Connection.DisconnectAsync();
        Assert.Null(await ConnectAsync());
        var fresh = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task second = Run(fresh);

        stale.SetResult("stale");
        await first;
        Assert.Equal(Work.Busy, _activity.Current);
        fresh.SetResult("fresh");
        await second;

        Assert.Equal([("fresh", Work.Busy)], _kept);
        Assert.True(_activity.IsIdle);
    }

    [Fact]
    public async Task RunAsync_EndsQuietly_WhenDisconnectCancelsTheWork()
    {
        await ConnectedActivityAsync();
        var never = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task running = _activity.RunAsync(Work.Busy, connected => never.Task.WaitAsync(connected.Token), Keep);

        await Connection.DisconnectAsync();
        await running;

        Assert.Empty(_kept);
        Assert.True(_activity.IsIdle);
        Assert.Equal([Work.Busy, Work.Idle], _seen);
    }

    [Fact]
    public async Task RunAsync_DoesNothing_WhenOffline()
    {
        Activity();
        bool ran = false;

        await _activity.RunAsync(Work.Busy, _ =>
        {
            ran = true;
            return Task.FromResult("read");
        }, Keep);

        Assert.False(ran);
        Assert.Empty(_seen);
        Assert.True(_activity.IsIdle);
    }

    [Fact]
    public async Task KeyPicker_DropsTheKeysListed_WhenReconnectedWhileListing()
    {
        Assert.Null(await ConnectAsync());
        Aws.HonourCancellation = false;
        Aws.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task listing = KeyPicker.LoadKeyChoicesAsync();
        Assert.Equal(KeyPickerActivity.Loading, KeyPicker.Activity);

        await Connection.DisconnectAsync();
        // The in-memory AWS holds every call at its gate, STS's too: the reconnect must pass while the listing stays held.
        TaskCompletionSource held = Aws.Gate;
        Aws.Gate = null;
        Assert.Null(await ConnectAsync());
        held.SetResult();
        await listing;

        Assert.Null(KeyPicker.KeyChoices);
        Assert.Equal(KeyPickerActivity.Idle, KeyPicker.Activity);
        await KeyPicker.LoadKeyChoicesAsync();
        Assert.Equal(SampleAccount.KeyArn, Assert.Single(KeyPicker.KeyChoices!.Value!).KeyArn);
    }

    private async Task ConnectedActivityAsync()
    {
        Assert.Null(await ConnectAsync());
        Activity();
    }

    // As every flow does: its activity, its subscribers, and a reset when the connection changes.
    private void Activity()
    {
        _activity = new FlowActivity<Work, AwsConnection.ConnectedSession>(Connection, _changes);
        Connection.Changed += _activity.Reset;
        _changes.Subscribe(new EventCallback(null, (Action)(() => _seen.Add(_activity.Current))));
    }

    private Task Run(TaskCompletionSource<string> answer) => _activity.RunAsync(Work.Busy, _ => answer.Task, Keep);

    private Task Keep(AwsConnection.ConnectedSession connected, string result)
    {
        _kept.Add((result, _activity.Current));
        return Task.CompletedTask;
    }
}
