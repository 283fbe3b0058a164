using Bunit;
using IcaKms.Web.Services;
using Microsoft.Extensions.DependencyInjection;
using IcaKms.Web.Components.Wizard;
using MudBlazor;
using Microsoft.Extensions.Configuration;
using IcaKms.Core.Adapters.Aws;

namespace IcaKms.Web.Tests;

/// <summary>
/// bUnit context with the wizard's services, loose JS interop (MudBlazor's own calls answer nothing) and MudBlazor's
/// transitions off. Every component is rendered inside <see cref="WizardProviders"/>, the providers production renders
/// the wizard in, and no others: a component that starts needing a provider production lacks fails here too.
/// </summary>
public abstract class WizardTestContext : BunitContext, IAsyncLifetime
{
    protected const string KeyArn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    protected const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzSECRETzz";
    protected const string Token = "IQoJb3JpZ2luX2VjEXAMPLETOKENzz";

    // A loaded CI machine (two cores, the browser tests beside) can take more than bUnit's default second to render.
    static WizardTestContext() => DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    protected WizardTestContext(IDictionary<string, string?>? settings = null)
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        JSInterop.Setup<bool>("icakms.copyText", _ => true).SetResult(true);
        JSInterop.Setup<string?>("icakms.load", _ => true).SetResult(null);
        // The host's own registrations, with AWS replaced by the in-memory fake and MudBlazor's transitions off.
        Services.AddIcaKmsWizard(new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build());
        Services.Configure<SnackbarConfiguration>(options =>
        {
            options.ShowTransitionDuration = 0;
            options.HideTransitionDuration = 0;
        });
        Services.AddSingleton(Aws);
        Services.AddSingleton<IcaKms.Core.Adapters.Aws.IAwsGatewayFactory>(Aws);
        Services.AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new TestHostEnvironment());
        Services.AddLogging();
        RenderTree.Add<WizardProviders>();
    }

    /// <summary>
    /// Renders <typeparamref name="TComponent"/> as every test does (inside the providers) and returns it with the root of
    /// the render tree, where what the providers show (snackbars, a select's open list) is.
    /// </summary>
    protected (IRenderedComponent<TComponent> Component, IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> Root) RenderWithRoot<TComponent>(
        params (string Name, object? Value)[] parameters)
        where TComponent : Microsoft.AspNetCore.Components.IComponent
    {
        IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> root = Renderer.RenderFragment(RenderTree.Wrap(builder =>
        {
            builder.OpenComponent<TComponent>(0);
            foreach ((string name, object? value) in parameters)
            {
                builder.AddComponentParameter(1, name, value);
            }

            builder.CloseComponent();
        }));
        return (root.FindComponent<TComponent>(), root);
    }

    /// <summary>Renders <typeparamref name="TComponent"/> inside the providers and returns it with their snackbar list.</summary>
    protected (IRenderedComponent<TComponent> Component, IRenderedComponent<MudSnackbarProvider> Snackbars) RenderWithSnackbars<TComponent>(
        params (string Name, object? Value)[] parameters)
        where TComponent : Microsoft.AspNetCore.Components.IComponent
    {
        (IRenderedComponent<TComponent> component, IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> root) = RenderWithRoot<TComponent>(parameters);
        return (component, root.FindComponent<MudSnackbarProvider>());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor registers services that only dispose asynchronously; xunit calls this before Dispose().
    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();

    internal InMemoryAws Aws { get; } = Live.WebTestAccount.NewAws();

    protected WizardInputs State => Services.GetRequiredService<WizardInputs>();

    protected AwsConnection Connection => Flow<AwsConnection>();

    protected AwsInspection Inspection => Flow<AwsInspection>();

    protected KeyPicker KeyPicker => Flow<KeyPicker>();

    protected AwsApply AwsApply => Flow<AwsApply>();

    protected ChangeRecorder Recorder => Flow<ChangeRecorder>();

    protected WizardCoordinator Coordinator => Services.GetRequiredService<WizardCoordinator>();

    protected IcaConnection IcaConnection => Flow<IcaConnection>();

    protected IcaPlanChoices IcaChoices => Flow<IcaPlanChoices>();

    protected IcaApply IcaApply => Flow<IcaApply>();

    protected IcaValidationWatcher IcaValidation => Flow<IcaValidationWatcher>();

    /// <summary>
    /// Makes the browser's next credential post leave these credentials for the circuit, as icakms.postCredentials
    /// does over HTTP: call it before the Connect that reads them, then <see cref="ReleaseTypedCredentials"/>.
    /// </summary>
    protected JSRuntimeInvocationHandler<bool> ExpectTypedCredentials() => JSInterop.Setup<bool>("icakms.postCredentials", _ => true);

    /// <summary>Deposits the typed credentials for the pending post's ticket, then lets the post answer.</summary>
    protected void ReleaseTypedCredentials(JSRuntimeInvocationHandler<bool> post, string accessKeyId, string secret = Secret, string token = Token)
    {
        JSRuntimeInvocation call = post.Invocations.Last();
        Services.GetRequiredService<CredentialHandoff>().Deposit((string)call.Arguments[1]!, new IcaKms.Core.Aws.PastedCredentials(accessKeyId, secret, token));
        post.SetResult(true);
    }

    /// <summary>Connects the session with typed credentials the fake AWS accepts (or not), through the hand-off.</summary>
    protected async Task<string?> ConnectAsync(string accessKeyId = InMemoryAws.GoodKeyPrefix + "AAAAAAAA")
    {
        JSRuntimeInvocationHandler<bool> post = ExpectTypedCredentials();
        Task<string?> connecting = Connection.ConnectWithTypedCredentialsAsync(default);
        ReleaseTypedCredentials(post, accessKeyId);
        return await connecting;
    }

    /// <summary>Connects, fills step 1 with the fake's bucket and key and the prefix ica/, and plans the bucket: one change, the folder.</summary>
    protected async Task PlanPrefixFolderAsync()
    {
        Assert.Null(await ConnectAsync());
        OnDispatcher(() =>
        {
            State.SetBucketName(SampleAccount.Bucket);
            State.SetKeyArn(SampleAccount.KeyArn);
            State.SetKeyPrefix("ica/");
        });
        await AwsApply.PlanAsync(PlanScope.Bucket);
        Assert.IsType<Core.Planning.CreatePrefixFolderChange>(Assert.Single(AwsApply.PlanOf(PlanScope.Bucket)!.Changes));
    }

    /// <summary>Fills step 1 with valid values.</summary>
    protected void FillValidBucketStep() => OnDispatcher(() =>
    {
        State.SetBucketName("lab-ica-data");
        State.SetKeyArn(KeyArn);
        State.SetKeyPrefix("ica");
    });

    // As the wizard does in the app: the coordinator is made with the circuit's flows, so it hears their outcomes.
    private T Flow<T>()
        where T : notnull
    {
        _ = Coordinator;
        return Services.GetRequiredService<T>();
    }

    /// <summary>
    /// Runs an intent on the renderer's dispatcher, as the circuit does: the state's subscribers re-render synchronously.
    /// </summary>
    protected void OnDispatcher(Action action) => Renderer.Dispatcher.InvokeAsync(action).GetAwaiter().GetResult();
}
