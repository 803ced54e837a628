using System.Globalization;
using System.Text;

namespace Ingestion.Samples.Pdf;

/// <summary>An 8-bit grayscale raster, row by row from the top; 0 is black, 255 is white.</summary>
internal sealed class GrayImage(int width, int height, byte[] pixels)
{
    public int Width { get; } = width;

    public int Height { get; } = height;

    public byte[] Pixels { get; } = pixels;

    /// <summary>Reads a binary PGM (<c>P5</c>, maxval 255), which is what <c>pdftoppm -gray</c> writes.</summary>
    public static GrayImage FromPgm(byte[] pgm)
    {
        var position = 0;
        if (NextToken(pgm, ref position) != "P5")
        {
            throw new InvalidDataException("Not a binary PGM (P5) image.");
        }

        var width = int.Parse(NextToken(pgm, ref position), CultureInfo.InvariantCulture);
        var height = int.Parse(NextToken(pgm, ref position), CultureInfo.InvariantCulture);
        if (NextToken(pgm, ref position) != "255")
        {
            throw new InvalidDataException("Only 8-bit PGM images are read.");
        }

        // Exactly one whitespace byte separates the header from the raster.
        position++;
        if (pgm.Length - position < width * height)
        {
            throw new InvalidDataException("The PGM raster is shorter than its header says.");
        }

        return new GrayImage(width, height, pgm.AsSpan(position, width * height).ToArray());
    }

    private static string NextToken(byte[] data, ref int position)
    {
        while (position < data.Length && (char.IsWhiteSpace((char)data[position]) || data[position] == '#'))
        {
            if (data[position] == '#')
            {
                while (position < data.Length && data[position] != '\n')
                {
                    position++;
                }
            }

            position++;
        }

        var start = position;
        while (position < data.Length && !char.IsWhiteSpace((char)data[position]))
        {
            position++;
        }

        return Encoding.ASCII.GetString(data, start, position - start);
    }
}
