using Ingestion.Reader;

return ReaderLoop.Run(Console.OpenStandardInput(), Console.OpenStandardOutput());
