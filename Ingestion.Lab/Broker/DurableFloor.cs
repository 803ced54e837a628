using Npgsql;

namespace Ingestion.Lab.Broker;

/// <summary>
/// What the durable floor does per message besides taking it: open one PDF with PdfPig and read its pages' text, and
/// commit one PostgreSQL transaction. No stage, saga, outbox or ledger can need less to handle a document durably.
/// </summary>
/// <param name="PdfPath">The PDF opened for every message: one of the pipeline run's documents.</param>
/// <param name="DataSource">The database each message's transaction commits in.</param>
/// <param name="Table">The schema-qualified table the transactions insert into.</param>
public sealed record DurableFloor(string PdfPath, NpgsqlDataSource DataSource, string Table);
