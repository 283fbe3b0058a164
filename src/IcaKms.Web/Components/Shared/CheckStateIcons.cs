using IcaKms.Core;
using MudBlazor;

namespace IcaKms.Web.Components.Shared;

/// <summary>How a check state looks: icon and colour (its word is Core's <see cref="CheckStateLabels"/>).</summary>
internal static class CheckStateIcons
{
    public static string Icon(CheckState state) => state switch
    {
        CheckState.Pass => Icons.Material.Filled.CheckCircle,
        CheckState.Warning => Icons.Material.Filled.Warning,
        CheckState.Fail => Icons.Material.Filled.Error,
        _ => Icons.Material.Outlined.HelpOutline,
    };

    public static Color Color(CheckState state) => state switch
    {
        CheckState.Pass => MudBlazor.Color.Success,
        CheckState.Warning => MudBlazor.Color.Warning,
        CheckState.Fail => MudBlazor.Color.Error,
        _ => MudBlazor.Color.Default,
    };
}
