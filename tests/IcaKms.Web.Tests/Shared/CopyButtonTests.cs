using IcaKms.Web.Components.Shared;
using MudBlazor;

namespace IcaKms.Web.Tests.Shared;

public class CopyButtonTests : WizardTestContext
{
    [Fact]
    public void Click_InvokesClipboardWithText()
    {
        IRenderedComponent<CopyButton> button = Render<CopyButton>(p => p
            .Add(c => c.Text, "arn:aws:kms:us-east-1:1:key/x")
            .Add(c => c.What, "key ARN"));

        button.Find("button").Click();

        JSRuntimeInvocation call = Assert.Single(JSInterop.Invocations, i => i.Identifier == "icakms.copyText");
        Assert.Equal("arn:aws:kms:us-east-1:1:key/x", call.Arguments[0]);
    }

    [Fact]
    public void Click_ConfirmsCopy_WhenBrowserAllowed()
    {
        (IRenderedComponent<CopyButton> button, IRenderedComponent<MudSnackbarProvider> snackbars) = RenderWithSnackbars<CopyButton>((nameof(CopyButton.Text), "x"), (nameof(CopyButton.What), "bucket name"));

        button.Find("button").Click();

        snackbars.WaitForAssertion(() => Assert.Contains("Copied bucket name", snackbars.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void Click_SaysHowToCopyByHand_WhenBrowserRefused()
    {
        JSInterop.Setup<bool>("icakms.copyText", _ => true).SetResult(false);
        (IRenderedComponent<CopyButton> button, IRenderedComponent<MudSnackbarProvider> snackbars) = RenderWithSnackbars<CopyButton>((nameof(CopyButton.Text), "x"), (nameof(CopyButton.What), "bucket name"));

        button.Find("button").Click();

        snackbars.WaitForAssertion(() => Assert.Contains("Ctrl+C", snackbars.Markup, StringComparison.Ordinal));
    }
}
