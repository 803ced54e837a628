using Ingestion.Host.Cli;

return await IngestCommand.Create().Parse(args).InvokeAsync();
