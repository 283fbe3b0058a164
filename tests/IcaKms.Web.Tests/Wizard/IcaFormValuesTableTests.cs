using IcaKms.Core.Ica;
using IcaKms.Web.Components.Wizard;
using MudBlazor;

namespace IcaKms.Web.Tests.Wizard;

/// <summary>The values to type into ICA's storage configuration form: a MudSimpleTable, one row per field, each with a Copy button.</summary>
public class IcaFormValuesTableTests : WizardTestContext
{
    private static readonly StorageConfigurationField[] Fields =
    [
        new("Type", "AWS_S3", "ICA's storage type for an S3 bucket."),
        new("Bucket name", "lab-ica-data", string.Empty),
        new("Key Name", KeyArn, "The full key ARN, not its alias."),
    ];

    [Fact]
    public void Rows_FollowTheFields_WithLabelValueAndHint_InAMudSimpleTable()
    {
        IRenderedComponent<IcaFormValuesTable> table = Render<IcaFormValuesTable>(p => p.Add(t => t.Fields, Fields));

        Assert.NotNull(table.FindComponent<MudSimpleTable>());
        Assert.Equal(["ICA field", "Value"], table.FindAll("thead th[scope=col]").Take(2).Select(th => th.TextContent.Trim()));
        Assert.Equal(["Type", "Bucket name", "Key Name"], table.FindAll("tbody th[scope=row]").Select(th => th.TextContent.Trim()));
        Assert.Equal(["AWS_S3", "lab-ica-data", KeyArn], table.FindAll("tbody .value-code").Select(v => v.TextContent));
        Assert.Contains("not its alias", table.Find("[data-testid='ica-field-Key Name']").TextContent, StringComparison.Ordinal);
        // A field without a hint shows none: no empty caption under its value.
        Assert.Equal(["ICA's storage type for an S3 bucket.", "The full key ARN, not its alias."],
            table.FindComponents<MudText>().Where(t => t.Instance.Typo == Typo.caption).Select(t => string.Concat(t.Nodes.Select(n => n.TextContent))));
    }

    [Fact]
    public void EveryRow_HasItsCopyButton_ThatCopiesItsValue()
    {
        IRenderedComponent<IcaFormValuesTable> table = Render<IcaFormValuesTable>(p => p.Add(t => t.Fields, Fields));

        Assert.Equal(["Copy Type", "Copy Bucket name", "Copy Key Name"], table.FindAll("tbody button").Select(b => b.GetAttribute("aria-label")));
        table.Find("button[aria-label='Copy Key Name']").Click();

        JSRuntimeInvocation call = Assert.Single(JSInterop.Invocations, i => i.Identifier == "icakms.copyText");
        Assert.Equal(KeyArn, call.Arguments[0]);
    }

    [Fact]
    public void IcaConfigurationStep_ShowsTheFormFieldsOfItsInputs_InThisTable()
    {
        FillValidBucketStep();

        IRenderedComponent<IcaConfigurationStep> step = Render<IcaConfigurationStep>();

        IRenderedComponent<IcaFormValuesTable> table = step.FindComponent<IcaFormValuesTable>();
        Assert.Equal(State.Documents.StorageConfiguration.FormFields(), table.Instance.Fields);
    }
}
