using Bunit;
using IcaKms.Web.Services;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace IcaKms.Web.Tests;

/// <summary>bUnit context with MudBlazor (transitions off), the wizard's services and loose JS interop.</summary>
public abstract class WizardTestContext : BunitContext, IAsyncLifetime
{
    protected const string KeyArn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    protected WizardTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        JSInterop.Setup<bool>("icakms.copyText", _ => true).SetResult(true);
        JSInterop.Setup<string?>("icakms.load", _ => true).SetResult(null);
        Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
            options.PopoverOptions.CheckForPopoverProvider = false;
        });
        Services.AddScoped<WizardState>();
        Services.AddScoped<BrowserFiles>();
        Services.AddScoped<WizardStorage>();
        Services.AddSingleton(Aws);
        Services.AddSingleton<IcaKms.Core.Aws.IAwsGatewayFactory>(Aws);
        Services.AddScoped<AwsConnection>();
        Services.AddScoped<LiveInspection>();
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new IcaKmsOptions()));
        Services.AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new TestHostEnvironment());
        Services.AddLogging();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor registers services that only dispose asynchronously; xunit calls this before Dispose().
    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();

    internal Live.FakeGatewayFactory Aws { get; } = new();

    protected WizardState State => Services.GetRequiredService<WizardState>();

    /// <summary>Fills step 1 with valid values.</summary>
    protected void FillValidBucketStep()
    {
        State.SetBucketName("lab-ica-data");
        State.SetKeyArn(KeyArn);
        State.SetKeyPrefix("ica");
    }
}
