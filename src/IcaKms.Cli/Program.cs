using IcaKms.Cli;

return await IcakmsCommand.RunAsync(args, CliHost.FromProcess()).ConfigureAwait(false);
