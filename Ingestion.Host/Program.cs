using Ingestion.Host.Cli;

return await IngestCommand.RunAsync(args);
