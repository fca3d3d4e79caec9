using System.CommandLine;
using DistillGuard.Cli.Infrastructure;
using DistillGuard.Simulation.Scenarios;

namespace DistillGuard.Cli.Commands;

/// <summary><c>distillguard scenarios</c>: one line per scenario <c>simulate</c> knows.</summary>
internal sealed class ScenariosCommand : ICliVerb
{
    public Command Build(CliConsole console)
    {
        var command = new Command("scenarios", "List the scenarios 'simulate' can generate");
        command.SetAction(_ =>
        {
            var width = ScenarioCatalog.Names.Max(n => n.Length);
            foreach (var name in ScenarioCatalog.Names)
            {
                console.Out.WriteLine($"{name.PadRight(width)}  {ScenarioCatalog.Describe(name)}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
