using System.Buffers.Binary;
using System.Text;

namespace IcaKms.Circuits;

/// <summary>
/// Reads just enough of a server render batch (the format blazor.web.js reads in OutOfProcessRenderBatch): the reference
/// frames, where an element frame is followed by its attribute frames, the components' edits that point into them, and
/// the string table. Frames are 20 bytes: type at +0, then for an element (a component, a region) its subtree length at
/// +4 and its name at +8, for an attribute its name at +4, value at +8, event handler id (uint64) at +12. The batch ends
/// with five int32 offsets: updated components, reference frames, disposed component ids, disposed event handler ids,
/// string table.
/// </summary>
internal static class RenderBatchReader
{
    private const int FrameSize = 20;
    private const int ElementFrame = 1;
    private const int AttributeFrame = 3;

    private const int PrependFrameEdit = 1;
    private const int SetAttributeEdit = 3;
    private const int ComponentFrame = 4;
    private const int RegionFrame = 5;

    /// <summary>
    /// Each edit of this batch, in order: the component it belongs to, its type (1 prepend a frame and its subtree,
    /// 3 set an attribute, ...) and its reference frame. An edit is 16 bytes: type, sibling index, reference frame index,
    /// removed attribute name; a component's diff is its id, the edit count and the edits.
    /// </summary>
    public static IEnumerable<(int ComponentId, int Type, int Frame)> Edits(byte[] batch)
    {
        int table = Int(batch, batch.Length - 20);
        int diffs = Int(batch, table);
        for (int d = 0; d < diffs; d++)
        {
            int diff = Int(batch, table + 4 + (4 * d));
            int componentId = Int(batch, diff);
            int edits = Int(batch, diff + 4);
            for (int e = 0; e < edits; e++)
            {
                int edit = diff + 8 + (16 * e);
                yield return (componentId, Int(batch, edit), Int(batch, edit + 8));
            }
        }
    }

    /// <summary>
    /// The id of the <paramref name="eventAttribute"/> handler (e.g. "oninput") on an element of the subtree that
    /// starts at reference frame <paramref name="first"/>, the element carrying <paramref name="markerName"/>=<paramref name="markerValue"/>
    /// (e.g. data-testid=bucket-name); for <c>class</c>, one of the element's classes is enough (class=mud-stepper-button-next).
    /// </summary>
    public static ulong? FindEventHandler(byte[] batch, int first, string markerName, string markerValue, string eventAttribute)
    {
        int type = FrameType(batch, first);
        int end = first + (type is ElementFrame or ComponentFrame or RegionFrame ? Int(batch, FrameOffset(batch, first) + 4) : 1);
        for (int i = first; i < end; i++)
        {
            if (FrameType(batch, i) != ElementFrame)
            {
                continue;
            }

            bool marked = false;
            ulong? handler = null;
            for (int j = i + 1; j < end && FrameType(batch, j) == AttributeFrame; j++)
            {
                (string? name, string? value, ulong id) = Attribute(batch, j);
                if (name == eventAttribute && id != 0)
                {
                    handler = id;
                }
                else if (name == markerName && value is not null
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

    /// <summary>An attribute frame's name, string value and event handler id (0 when it is no handler).</summary>
    public static (string? Name, string? Value, ulong HandlerId) Attribute(byte[] batch, int frameIndex)
    {
        int frame = FrameOffset(batch, frameIndex);
        ulong id = BinaryPrimitives.ReadUInt64LittleEndian(batch.AsSpan(frame + 12));
        return (String(batch, Int(batch, frame + 4)), id == 0 ? String(batch, Int(batch, frame + 8)) : null, id);
    }

    private static int FrameType(byte[] batch, int frameIndex) => Int(batch, FrameOffset(batch, frameIndex));

    private static int FrameOffset(byte[] batch, int frameIndex) => Int(batch, batch.Length - 16) + 4 + (frameIndex * FrameSize);

    /// <summary>Whether the edit sets an attribute (its frame an attribute frame).</summary>
    public static bool SetsAttribute(int editType) => editType == SetAttributeEdit;

    /// <summary>Whether the edit inserts a frame with its subtree (a new element, component or region).</summary>
    public static bool PrependsFrame(int editType) => editType == PrependFrameEdit;

    /// <summary>The component ids this batch disposes.</summary>
    public static IReadOnlyList<int> DisposedComponents(byte[] batch)
    {
        int offset = Int(batch, batch.Length - 12);
        int count = Int(batch, offset);
        var ids = new List<int>(count);
        for (int i = 0; i < count; i++)
        {
            ids.Add(Int(batch, offset + 4 + (4 * i)));
        }

        return ids;
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
