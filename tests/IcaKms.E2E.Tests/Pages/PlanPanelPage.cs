using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IcaKms.E2E.Tests.Pages;

/// <summary>One plan panel (plan → confirm → apply) of a wizard step.</summary>
public sealed class PlanPanelPage(IPage page, string scope)
{
    public ILocator Root => page.GetByTestId($"plan-{scope}");

    public ILocator PlanButton => Root.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Plan (the changes|again)$") });

    public ILocator Changes => Root.GetByTestId("planned-change");

    public ILocator AppliedChanges => Root.GetByTestId("applied-change");

    public ILocator NothingToChange => Root.GetByTestId("plan-nothing");

    /// <summary>Plans, and waits until the plan (changes, nothing, or blockers) is shown.</summary>
    public async Task PlanAsync()
    {
        await PlanButton.ClickAsync();
        await Expect(Root.GetByTestId("planned-change").Or(NothingToChange).Or(Root.GetByTestId("plan-blocker")).First).ToBeVisibleAsync(new() { Timeout = 20_000 });
    }

    /// <summary>Applies the shown plan through its confirmation, and waits until every change has an outcome.</summary>
    public async Task ApplyAsync(int changes)
    {
        await Root.GetByRole(AriaRole.Button, new() { Name = changes == 1 ? "Apply 1 change…" : $"Apply {changes} changes…" }).ClickAsync();
        await Expect(Root.GetByTestId("plan-confirm")).ToBeVisibleAsync();
        await Root.GetByRole(AriaRole.Button, new() { Name = "Confirm and apply" }).ClickAsync();
        await Expect(AppliedChanges).ToHaveCountAsync(changes, new() { Timeout = 30_000 });
    }
}
