using Microsoft.AspNetCore.Components;

namespace IcaKms.Web.Services;

/// <summary>
/// The components to tell when a circuit's state changes, as dotnet/eShop's <c>BasketState.NotifyOnChange</c> does: each
/// subscriber hands over an <see cref="EventCallback"/>, so it re-renders through its own event handling, and its
/// subscription ends when the component disposes it.
/// </summary>
public sealed class ChangeSubscriptions
{
    private readonly List<Subscription> _subscriptions = [];

    /// <summary>Calls <paramref name="callback"/> after every change until the returned subscription is disposed.</summary>
    public IDisposable Subscribe(EventCallback callback)
    {
        var subscription = new Subscription(this, callback);
        _subscriptions.Add(subscription);
        return subscription;
    }

    /// <summary>Tells every subscriber (on the circuit's dispatcher: owners call it from their intent methods).</summary>
    public Task NotifyAsync() => Task.WhenAll(_subscriptions.ToArray().Select(s => s.Callback.InvokeAsync()));

    private sealed class Subscription(ChangeSubscriptions owner, EventCallback callback) : IDisposable
    {
        public EventCallback Callback { get; } = callback;

        public void Dispose() => owner._subscriptions.Remove(this);
    }
}
