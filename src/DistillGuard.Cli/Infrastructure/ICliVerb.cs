using System.CommandLine;

namespace DistillGuard.Cli.Infrastructure;

/// <summary>One verb of the <c>distillguard</c> command; one class per verb under Commands/.</summary>
internal interface ICliVerb
{
    Command Build(CliConsole console);
}
