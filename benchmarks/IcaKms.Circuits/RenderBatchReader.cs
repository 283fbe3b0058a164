using System.Buffers.Binary;
using System.Text;

namespace IcaKms.Circuits;

/// <summary>
/// Reads just enough of a server render batch (the format blazor.web.js reads in OutOfProcessRenderBatch): the reference
/// frames, where an element frame is followed by its attribute frames, and the string table. Frames are 20 bytes: type
/// at +0, then for an element its name at +8, for an attribute its name at +4, value at +8, event handler id (uint64) at
/// +12. The batch ends with five int32 offsets: updated components, reference frames, disposed component ids, disposed
/// event handler ids, string table.
/// </summary>
internal static class RenderBatchReader
{
    private const int FrameSize = 20;
    private const int ElementFrame = 1;
    private const int AttributeFrame = 3;

    /// <summary>
    /// The id of the <paramref name="eventAttribute"/> handler (e.g. "oninput") on the element that carries
    /// <paramref name="markerName"/>=<paramref name="markerValue"/> (e.g. data-testid=bucket-name), if this batch renders it.
    /// For <c>class</c>, one of the element's classes is enough (e.g. class=mud-stepper-button-next).
    /// </summary>
    public static ulong? FindEventHandler(byte[] batch, string markerName, string markerValue, string eventAttribute)
    {
        ReadOnlySpan<byte> data = batch;
        int framesOffset = Int(data, data.Length - 16);
        int count = Int(data, framesOffset);
        int first = framesOffset + 4;
        for (int i = 0; i < count; i++)
        {
            int frame = first + (i * FrameSize);
            if (Int(data, frame) != ElementFrame)
            {
                continue;
            }

            bool marked = false;
            ulong? handler = null;
            for (int j = i + 1; j < count && Int(data, first + (j * FrameSize)) == AttributeFrame; j++)
            {
                int attribute = first + (j * FrameSize);
                string? name = String(data, Int(data, attribute + 4));
                ulong id = BinaryPrimitives.ReadUInt64LittleEndian(data[(attribute + 12)..]);
                if (name == eventAttribute && id != 0)
                {
                    handler = id;
                }
                else if (name == markerName && String(data, Int(data, attribute + 8)) is { } value
                    && (value == markerValue || (markerName == "class" && value.Split(' ').Contains(markerValue))))
                {
                    marked = true;
                }
            }

            if (marked && handler is not null)
            {
                return handler;
            }
        }

        return null;
    }

    /// <summary>How many components this batch re-renders (its updated components' diffs).</summary>
    public static int UpdatedComponents(byte[] batch)
    {
        ReadOnlySpan<byte> data = batch;
        return Int(data, Int(data, data.Length - 20));
    }

    /// <summary>The event handler ids this batch disposes.</summary>
    public static IReadOnlyList<ulong> DisposedEventHandlers(byte[] batch)
    {
        ReadOnlySpan<byte> data = batch;
        int offset = Int(data, data.Length - 8);
        int count = Int(data, offset);
        var ids = new List<ulong>(count);
        for (int i = 0; i < count; i++)
        {
            ids.Add(BinaryPrimitives.ReadUInt64LittleEndian(data[(offset + 4 + (8 * i))..]));
        }

        return ids;
    }

    private static int Int(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadInt32LittleEndian(data[offset..]);

    private static string? String(ReadOnlySpan<byte> data, int index)
    {
        if (index < 0)
        {
            return null;
        }

        int table = Int(data, data.Length - 4);
        int position = Int(data, table + (4 * index));
        // BinaryWriter.Write(string): 7-bit encoded length, then UTF-8.
        int length = 0;
        int shift = 0;
        byte b;
        do
        {
            b = data[position++];
            length |= (b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);
        return Encoding.UTF8.GetString(data.Slice(position, length));
    }
}
