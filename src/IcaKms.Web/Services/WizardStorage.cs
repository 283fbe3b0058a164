using System.Text.Json;
using IcaKms.Core.Setup;
using Microsoft.JSInterop;

namespace IcaKms.Web.Services;

/// <summary>
/// Keeps the wizard's non-secret inputs in the browser's localStorage so a reload loses nothing.
/// Only <see cref="SetupInputs"/> and the index of the step shown are stored: never credentials.
/// </summary>
public sealed class WizardStorage(IJSRuntime js, ILogger<WizardStorage> logger)
{
    /// <summary>The localStorage key.</summary>
    public const string Key = "icakms.inputs.v1";

    /// <summary>The localStorage key of the step shown, so a reload returns to it.</summary>
    public const string StepKey = "icakms.step.v1";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>The inputs kept from an earlier visit, or null.</summary>
    public async Task<SetupInputs?> LoadAsync()
    {
        string? json = await js.InvokeAsync<string?>("icakms.load", Key);
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<SetupInputs>(json, Options);
        }
        catch (JsonException ex)
        {
            // A value from an older version or edited by hand: start fresh rather than fail.
            logger.LogInformation(ex, "Ignoring unreadable wizard inputs kept in the browser");
            return null;
        }
    }

    public async Task SaveAsync(SetupInputs inputs) =>
        await js.InvokeVoidAsync("icakms.save", Key, JsonSerializer.Serialize(inputs, Options));

    /// <summary>The index of the step shown at the last visit, or null when none was kept (or it is unreadable).</summary>
    public async Task<int?> LoadStepAsync()
    {
        string? text = await js.InvokeAsync<string?>("icakms.load", StepKey);
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int step) ? step : null;
    }

    public async Task SaveStepAsync(int step) =>
        await js.InvokeVoidAsync("icakms.save", StepKey, step.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public async Task ClearAsync()
    {
        await js.InvokeVoidAsync("icakms.remove", Key);
        await js.InvokeVoidAsync("icakms.remove", StepKey);
    }
}
