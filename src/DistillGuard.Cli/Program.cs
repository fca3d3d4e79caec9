using DistillGuard.Cli;

return await CliApp.RunAsync(args, CliConsole.CreateDefault()).ConfigureAwait(false);
