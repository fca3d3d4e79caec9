using Spectre.Console;

namespace DistillGuard.Cli;

/// <summary>
/// The one way verbs talk to the terminal, so tests can capture it: <see cref="Out"/> for data (JSON, tables
/// a user pipes), <see cref="Error"/> for diagnostics, and Spectre consoles over each for rich output.
/// </summary>
internal sealed class CliConsole
{
    public CliConsole(TextWriter output, TextWriter error, bool interactive)
    {
        Out = output;
        Error = error;
        Interactive = interactive;
        Ui = Create(output, interactive);
        ErrorUi = Create(error, interactive);
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>Rich output on standard output.</summary>
    public IAnsiConsole Ui { get; }

    /// <summary>Rich output (progress, summaries when stdout carries data) on standard error.</summary>
    public IAnsiConsole ErrorUi { get; }

    /// <summary>Whether a person is watching: progress bars and colour only then.</summary>
    public bool Interactive { get; }

    public static CliConsole CreateDefault() =>
        new(Console.Out, Console.Error, !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("CI") is null);

    /// <summary>
    /// Piped or captured output has no terminal width to fit; Spectre would assume 80 columns and wrap campaign ids,
    /// dates and reasons mid-word. Wide enough for the widest table (evaluate's campaigns, eleven columns).
    /// </summary>
    internal const int PipedWidth = 180;

    private static IAnsiConsole Create(TextWriter writer, bool interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!interactive)
        {
            console.Profile.Width = Math.Max(console.Profile.Width, PipedWidth);
        }

        return console;
    }
}
