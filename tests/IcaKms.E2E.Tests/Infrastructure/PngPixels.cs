using System.Buffers.Binary;
using System.IO.Compression;

namespace IcaKms.E2E.Tests.Infrastructure;

/// <summary>
/// The pixels of a PNG as Chromium's screenshots write it (8-bit RGB or RGBA, not interlaced), for comparing two
/// screenshots by pixel rather than by file bytes.
/// </summary>
/// <param name="Width">Pixels per row.</param>
/// <param name="Height">Rows.</param>
/// <param name="Channels">3 (RGB) or 4 (RGBA).</param>
/// <param name="Samples">Row after row, <paramref name="Channels"/> bytes per pixel.</param>
public sealed record PngPixels(int Width, int Height, int Channels, byte[] Samples)
{
    /// <summary>Decodes <paramref name="png"/>; throws for a PNG of another kind.</summary>
    public static PngPixels Decode(byte[] png)
    {
        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        for (int offset = 8; offset + 8 <= png.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            string type = System.Text.Encoding.ASCII.GetString(png, offset + 4, 4);
            ReadOnlySpan<byte> data = png.AsSpan(offset + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                channels = (data[8], data[9], data[12]) switch
                {
                    (8, 2, 0) => 3,
                    (8, 6, 0) => 4,
                    var other => throw new NotSupportedException($"PNG of depth/colour/interlace {other} is not supported."),
                };
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }

            offset += 12 + length;
        }

        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        byte[] raw = inflated.ToArray();
        int stride = width * channels;
        var samples = new byte[stride * height];
        for (int y = 0; y < height; y++)
        {
            byte filter = raw[y * (stride + 1)];
            Span<byte> line = samples.AsSpan(y * stride, stride);
            raw.AsSpan(y * (stride + 1) + 1, stride).CopyTo(line);
            ReadOnlySpan<byte> previous = y == 0 ? new byte[stride] : samples.AsSpan((y - 1) * stride, stride);
            for (int x = 0; x < stride; x++)
            {
                int left = x >= channels ? line[x - channels] : 0;
                int up = previous[x];
                int upLeft = x >= channels ? previous[x - channels] : 0;
                line[x] = (byte)(line[x] + filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new NotSupportedException($"PNG filter {filter}."),
                });
            }
        }

        return new PngPixels(width, height, channels, samples);
    }

    /// <summary>
    /// Pixels where a channel differs from <paramref name="other"/>'s by more than <paramref name="tolerance"/> levels
    /// (all of them when the sizes differ).
    /// </summary>
    public int CountDifferences(PngPixels other, int tolerance)
    {
        if (other.Width != Width || other.Height != Height || other.Channels != Channels)
        {
            return Math.Max(Width * Height, other.Width * other.Height);
        }

        int count = 0;
        for (int pixel = 0; pixel < Samples.Length; pixel += Channels)
        {
            for (int channel = 0; channel < Channels; channel++)
            {
                if (Math.Abs(Samples[pixel + channel] - other.Samples[pixel + channel]) > tolerance)
                {
                    count++;
                    break;
                }
            }
        }

        return count;
    }

    private static int Paeth(int left, int up, int upLeft)
    {
        int estimate = left + up - upLeft;
        int toLeft = Math.Abs(estimate - left), toUp = Math.Abs(estimate - up), toUpLeft = Math.Abs(estimate - upLeft);
        return toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft;
    }
}
