namespace Ingestion.Reader.Reading;

/// <summary>A read-only view of a file from <c>offset</c> on, so that junk before the header is invisible to the parser.</summary>
internal sealed class OffsetStream(Stream inner, long offset) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => inner.Length - offset;

    public override long Position
    {
        get => inner.Position - offset;
        set => inner.Position = value + offset;
    }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => inner.Read(buffer);

    public override long Seek(long offset, SeekOrigin origin) => origin switch
    {
        SeekOrigin.Begin => inner.Seek(offset + OffsetOf(), SeekOrigin.Begin) - OffsetOf(),
        SeekOrigin.Current => inner.Seek(offset, SeekOrigin.Current) - OffsetOf(),
        _ => inner.Seek(offset, SeekOrigin.End) - OffsetOf(),
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private long OffsetOf() => offset;
}
