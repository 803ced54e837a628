using Ingestion.Lab.Cli;

return await LabCommand.Create().Parse(args).InvokeAsync();
