using Spectre.Console;

namespace IcaKms.Cli.Output;

/// <summary>Spectre.Console consoles over a host's writers: colours only on a terminal and without <c>NO_COLOR</c>.</summary>
internal static class ConsoleFactory
{
    // Redirected output is read by scripts and CI logs: a line is not broken (an ARN or a command split in two cannot
    // be copied); a terminal keeps its own width.
    private const int RedirectedWidth = 4096;

    public static IAnsiConsole Create(TextWriter writer, CliHost host, bool toTerminal)
    {
        bool colours = toTerminal && string.IsNullOrEmpty(host.Environment("NO_COLOR"));
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = colours ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = colours ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = toTerminal ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        if (!toTerminal)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
