using IcaKms.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace IcaKms.Web.Tests.Shared;

public class OutlinedSelectTests : WizardTestContext
{
    private static readonly SelectOption[] Regions =
    [
        new("us-east-1", "United States (us-east-1)"),
        new("ap-southeast-2", "Australia (ap-southeast-2)"),
    ];

    private IRenderedComponent<OutlinedSelect> RenderSelect(string value, List<string>? chosen = null) =>
        Render<OutlinedSelect>(p => p
            .Add(c => c.Id, "region-input")
            .Add(c => c.Label, "ICA region")
            .Add(c => c.Options, Regions)
            .Add(c => c.Value, value)
            .Add(c => c.HelperText, "All in this AWS region.")
            .Add(c => c.ValueChanged, EventCallback.Factory.Create<string>(this, v => chosen?.Add(v))));

    [Fact]
    public void NativeSelect_IsLabelled_DescribedByHelper_AndHoldsEveryOption()
    {
        IRenderedComponent<OutlinedSelect> select = RenderSelect("us-east-1");

        Assert.Equal("region-input", select.Find("label").GetAttribute("for"));
        Assert.Equal("ICA region", select.Find("label").TextContent);
        Assert.Equal("region-input", select.Find("select").Id);
        Assert.Equal("All in this AWS region.", select.Find($"#{select.Find("select").GetAttribute("aria-describedby")}").TextContent);
        Assert.Equal(["us-east-1", "ap-southeast-2"], select.FindAll("option").Select(o => o.GetAttribute("value")));
    }

    [Fact]
    public void ClosedField_ShowsTheChosenOptionsText_HiddenFromScreenReaders()
    {
        IRenderedComponent<OutlinedSelect> select = RenderSelect("ap-southeast-2");

        var shown = select.Find("div.mud-input-slot");
        Assert.Equal("Australia (ap-southeast-2)", shown.TextContent);
        Assert.Equal("true", shown.GetAttribute("aria-hidden"));
        Assert.Equal("ap-southeast-2", select.Find("select").GetAttribute("value"));
    }

    [Fact]
    public void Choosing_PassesTheValueOn()
    {
        var chosen = new List<string>();
        IRenderedComponent<OutlinedSelect> select = RenderSelect("us-east-1", chosen);

        select.Find("select").Change("ap-southeast-2");

        Assert.Equal(["ap-southeast-2"], chosen);
    }
}
