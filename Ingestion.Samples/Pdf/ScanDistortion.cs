namespace Ingestion.Samples.Pdf;

/// <summary>
/// What a sheet-fed office scanner does to a clean page: a slight skew and a little dust. Both stay light enough for
/// OCR (skew at most 1.5 degrees, specks on well under 1% of pixels), since the pipeline must still read the page.
/// </summary>
internal static class ScanDistortion
{
    private const byte Paper = 255;

    /// <summary>A skew between 0.8 and 1.5 degrees either way, drawn from <paramref name="random"/>.</summary>
    public static double SkewDegrees(Random random)
    {
        var magnitude = 0.8 + 0.7 * random.NextDouble();
        return random.Next(2) == 0 ? magnitude : -magnitude;
    }

    /// <summary>Rotates about the centre with bilinear sampling; what comes in from outside the page is paper white.</summary>
    public static GrayImage Rotate(GrayImage image, double degrees)
    {
        var (width, height, source) = (image.Width, image.Height, image.Pixels);
        var radians = degrees * Math.PI / 180;
        var (cos, sin) = (Math.Cos(radians), Math.Sin(radians));
        var (cx, cy) = ((width - 1) / 2.0, (height - 1) / 2.0);
        var target = new byte[source.Length];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                // Inverse mapping: where in the source does this target pixel come from?
                var dx = x - cx;
                var dy = y - cy;
                var sx = cos * dx + sin * dy + cx;
                var sy = -sin * dx + cos * dy + cy;
                target[y * width + x] = Sample(source, width, height, sx, sy);
            }
        }

        return new GrayImage(width, height, target);
    }

    /// <summary>Sets about <paramref name="rate"/> of the pixels to dark dust or white dropouts.</summary>
    public static void Speckle(GrayImage image, Random random, double rate)
    {
        var pixels = image.Pixels;
        var count = (int)(pixels.Length * rate);
        for (var i = 0; i < count; i++)
        {
            var at = random.Next(pixels.Length);
            pixels[at] = random.Next(3) == 0 ? Paper : (byte)random.Next(40, 120);
        }
    }

    private static byte Sample(byte[] source, int width, int height, double x, double y)
    {
        var x0 = (int)Math.Floor(x);
        var y0 = (int)Math.Floor(y);
        var fx = x - x0;
        var fy = y - y0;
        var top = Lerp(At(source, width, height, x0, y0), At(source, width, height, x0 + 1, y0), fx);
        var bottom = Lerp(At(source, width, height, x0, y0 + 1), At(source, width, height, x0 + 1, y0 + 1), fx);
        return (byte)Math.Round(Lerp(top, bottom, fy));
    }

    private static double At(byte[] source, int width, int height, int x, int y) =>
        x < 0 || y < 0 || x >= width || y >= height ? Paper : source[y * width + x];

    private static double Lerp(double a, double b, double t) => a + (b - a) * t;
}
