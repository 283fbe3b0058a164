using System.CommandLine;
using IcaKms.Core.Setup;

namespace IcaKms.Cli.Setups;

/// <summary>One setup to work on: its label and the wizard's inputs for it.</summary>
internal sealed record SelectedSetup(string Label, SetupInputs Inputs);

/// <summary>
/// The setups a command works on, from its options or from <c>--config</c>, each validated by Core. Any field Core
/// refuses stops the command before it reads AWS: every problem is told at once, naming its option or property.
/// </summary>
internal static class SetupSelection
{
    /// <summary>The setups, or null after telling the problems on <paramref name="error"/>.</summary>
    public static IReadOnlyList<SelectedSetup>? Select(
        ParseResult result, SetupOptions options, Option<string?>? config, bool withIam, TextWriter error, bool requireConfigurationName = false)
    {
        string? configPath = config is null ? null : result.GetValue(config);
        List<(SetupEntry Entry, Func<SetupField, string> Name)> entries = [];
        if (configPath is not null)
        {
            if (options.AnyGiven(result, withIam))
            {
                error.WriteLine("--config: give the setups either in the file or as options, not both.");
                return null;
            }

            SetupConfigFile file;
            try
            {
                file = SetupConfigFile.Read(configPath);
            }
            catch (SetupConfigException ex)
            {
                error.WriteLine(ex.Message);
                return null;
            }

            for (int i = 0; i < file.Setups.Count; i++)
            {
                int index = i;
                SetupEntry entry = file.Setups[i];
                entries.Add((entry, field => $"{configPath}: setups[{index}].{SetupFieldNames.Property(field)}"));
            }
        }
        else
        {
            entries.Add((options.Read(result), SetupFieldNames.Option));
        }

        var setups = new List<SelectedSetup>(entries.Count);
        bool valid = true;
        foreach ((SetupEntry entry, Func<SetupField, string> name) in entries)
        {
            SetupInputs inputs = entry.ToInputs();
            (IReadOnlyList<string> errors, IReadOnlyList<string> warnings) = InputProblems.Of(inputs, name, requireConfigurationName);
            foreach (string line in errors)
            {
                error.WriteLine(line);
            }

            foreach (string line in warnings)
            {
                error.WriteLine($"warning: {line}");
            }

            valid &= errors.Count == 0;
            setups.Add(new SelectedSetup(entry.Label, inputs));
        }

        return valid ? setups : null;
    }
}
