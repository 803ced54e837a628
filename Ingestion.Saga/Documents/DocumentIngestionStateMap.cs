using Ingestion.Persistence.Sagas;
using NpgsqlTypes;

namespace Ingestion.Saga.Documents;

/// <summary>The <c>document_ingestion</c> table; state, packet and site are columns so that status queries need no JSON.</summary>
public sealed class DocumentIngestionStateMap : SagaTableMap<DocumentIngestionState>
{
    public const string Table = "document_ingestion";

    public override string TableName => Table;

    public override IReadOnlyList<SagaColumn<DocumentIngestionState>> Columns { get; } =
    [
        new("current_state", "text NOT NULL", NpgsqlDbType.Text, s => s.CurrentState),
        new("packet_id", "uuid NOT NULL", NpgsqlDbType.Uuid, s => s.PacketId),
        new("site_id", "text NOT NULL", NpgsqlDbType.Text, s => s.SiteId),
        new("error_code", "text", NpgsqlDbType.Text, s => s.ErrorCode, Indexed: false),
    ];
}
