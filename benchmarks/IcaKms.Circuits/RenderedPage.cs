using System.Buffers.Binary;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace IcaKms.Circuits;

/// <summary>A node of the page the render batches build: an element, a text, a markup block, or a component's container.</summary>
internal abstract class PageNode
{
    public PageContainer? Parent { get; set; }

    /// <summary>The text a browser shows for the node (textContent).</summary>
    public abstract void AppendText(StringBuilder text);
}

/// <summary>A logical container: a component's place in the page (its root frames are its children) or an element.</summary>
internal class PageContainer : PageNode
{
    public List<PageNode> Children { get; } = [];

    public override void AppendText(StringBuilder text)
    {
        foreach (PageNode child in Children)
        {
            child.AppendText(text);
        }
    }

    /// <summary>Every element in this subtree, depth first.</summary>
    public IEnumerable<PageElement> Elements()
    {
        foreach (PageNode child in Children)
        {
            if (child is PageElement element)
            {
                yield return element;
            }

            if (child is PageContainer container)
            {
                foreach (PageElement descendant in container.Elements())
                {
                    yield return descendant;
                }
            }
        }
    }

    public string TextContent()
    {
        var text = new StringBuilder();
        AppendText(text);
        return text.ToString();
    }
}

/// <summary>An element with its attributes and its event handlers (event name with "on" → handler id).</summary>
internal sealed class PageElement(string tag) : PageContainer
{
    public string Tag { get; } = tag;

    public Dictionary<string, string?> Attributes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ulong> Handlers { get; } = new(StringComparer.Ordinal);

    public string? Attribute(string name) => Attributes.GetValueOrDefault(name);
}

internal sealed class PageText(string text) : PageNode
{
    public string Text { get; set; } = text;

    public override void AppendText(StringBuilder text) => text.Append(Text);
}

internal sealed partial class PageMarkup(string html) : PageNode
{
    public string Html { get; } = html;

    public override void AppendText(StringBuilder text) => text.Append(WebUtility.HtmlDecode(Tags().Replace(Html, "")));

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();
}

/// <summary>
/// The page as blazor.web.js keeps it (Web.JS BrowserRenderer over OutOfProcessRenderBatch), without a browser: each
/// render batch's edits are applied to a tree of logical nodes, component by component, so the page can be asked what
/// it shows (text, <c>data-testid</c>s) and which handler a button has now, whatever re-rendered it. Regions are
/// flattened into their parent, as in the browser; a markup block is one node; an element reference capture is no node.
/// </summary>
internal sealed class RenderedPage
{
    private const int FrameSize = 20;

    private readonly Dictionary<int, PageContainer> _components = [];
    private readonly List<PageContainer> _roots = [];

    /// <summary>Applies one render batch.</summary>
    public void Apply(byte[] batch)
    {
        var reader = new Batch(batch);
        int updated = reader.Int(reader.Int(batch.Length - 20));
        int table = reader.Int(batch.Length - 20);
        for (int d = 0; d < updated; d++)
        {
            int diff = reader.Int(table + 4 + (4 * d));
            int componentId = reader.Int(diff);
            if (!_components.TryGetValue(componentId, out PageContainer? container))
            {
                // A root component (attached by UpdateRootComponents), whose first render comes without a parent frame.
                container = new PageContainer();
                _components[componentId] = container;
                _roots.Add(container);
            }

            ApplyEdits(reader, container, diff + 4);
        }

        int disposed = reader.Int(batch.Length - 12);
        for (int i = 0, count = reader.Int(disposed); i < count; i++)
        {
            int id = reader.Int(disposed + 4 + (4 * i));
            if (_components.Remove(id, out PageContainer? gone) && _roots.Remove(gone))
            {
                gone.Children.Clear();
            }
        }
    }

    /// <summary>Every element of the page, depth first.</summary>
    public IEnumerable<PageElement> Elements() => _roots.SelectMany(root => root.Elements());

    /// <summary>The first element with this <c>data-testid</c>, or null.</summary>
    public PageElement? ByTestId(string testId) => Elements().FirstOrDefault(e => e.Attribute("data-testid") == testId);

    /// <summary>The page's whole text.</summary>
    public string TextContent() => string.Concat(_roots.Select(root => root.TextContent()));

    private void ApplyEdits(Batch batch, PageContainer parent, int segment)
    {
        int count = batch.Int(segment);
        int depth = 0;
        List<(int From, int To)>? permutation = null;
        for (int e = 0; e < count; e++)
        {
            int edit = segment + 4 + (16 * e);
            int type = batch.Int(edit);
            int sibling = batch.Int(edit + 4);
            int frame = batch.Int(edit + 8);
            switch (type)
            {
                case 1: // prepend a frame
                    InsertFrame(batch, parent, sibling, frame);
                    break;
                case 2: // remove a frame
                    parent.Children.RemoveAt(sibling);
                    break;
                case 3: // set an attribute
                    ApplyAttribute(batch, (PageElement)parent.Children[sibling], frame);
                    break;
                case 4: // remove an attribute
                    {
                        var element = (PageElement)parent.Children[sibling];
                        string name = batch.String(batch.Int(edit + 12))!;
                        element.Attributes.Remove(name);
                        element.Handlers.Remove(name);
                        break;
                    }

                case 5: // update a text
                    ((PageText)parent.Children[sibling]).Text = batch.String(batch.Int(batch.Frame(frame) + 4)) ?? "";
                    break;
                case 6: // step in
                    parent = (PageContainer)parent.Children[sibling];
                    depth++;
                    break;
                case 7: // step out
                    parent = parent.Parent ?? throw new InvalidOperationException("Stepped out of the component.");
                    depth--;
                    break;
                case 8: // update a markup block
                    parent.Children.RemoveAt(sibling);
                    Insert(parent, sibling, new PageMarkup(batch.String(batch.Int(batch.Frame(frame) + 4)) ?? ""));
                    break;
                case 9: // a permutation entry: frame holds the sibling index to move to
                    (permutation ??= []).Add((sibling, frame));
                    break;
                case 10: // end of the permutation
                    {
                        var before = parent.Children.ToList();
                        foreach ((int from, int to) in permutation ?? [])
                        {
                            parent.Children[to] = before[from];
                        }

                        permutation = null;
                        break;
                    }

                default:
                    throw new InvalidOperationException($"Unknown edit type {type}.");
            }
        }

        if (depth != 0)
        {
            throw new InvalidOperationException($"The edits of a component ended at depth {depth}.");
        }
    }

    /// <summary>Inserts a frame (and its subtree) at <paramref name="index"/>; returns how many logical children it made.</summary>
    private int InsertFrame(Batch batch, PageContainer parent, int index, int frameIndex)
    {
        int frame = batch.Frame(frameIndex);
        switch (batch.Int(frame))
        {
            case 1: // element
                {
                    var element = new PageElement(batch.String(batch.Int(frame + 8)) ?? "?");
                    Insert(parent, index, element);
                    int end = frameIndex + batch.Int(frame + 4);
                    int child = frameIndex + 1;
                    for (; child < end && batch.Int(batch.Frame(child)) == 3; child++)
                    {
                        ApplyAttribute(batch, element, child);
                    }

                    InsertRange(batch, element, 0, child, end);
                    return 1;
                }

            case 2: // text
                Insert(parent, index, new PageText(batch.String(batch.Int(frame + 4)) ?? ""));
                return 1;
            case 4: // component: its own diff, later in the batch, fills the container
                {
                    var container = new PageContainer();
                    Insert(parent, index, container);
                    _components[batch.Int(frame + 8)] = container;
                    return 1;
                }

            case 5: // region: its children are the parent's
                return InsertRange(batch, parent, index, frameIndex + 1, frameIndex + batch.Int(frame + 4));
            case 6: // element reference capture: no node
                return 0;
            case 8: // markup
                Insert(parent, index, new PageMarkup(batch.String(batch.Int(frame + 4)) ?? ""));
                return 1;
            default:
                return 0; // a named event or anything else the browser does not show
        }
    }

    private int InsertRange(Batch batch, PageContainer parent, int index, int start, int end)
    {
        int first = index;
        for (int i = start; i < end; i++)
        {
            int frame = batch.Frame(i);
            index += InsertFrame(batch, parent, index, i);
            if (batch.Int(frame) is 1 or 4 or 5)
            {
                i += batch.Int(frame + 4) - 1; // its descendants were dealt with
            }
        }

        return index - first;
    }

    private static void Insert(PageContainer parent, int index, PageNode node)
    {
        node.Parent = parent;
        parent.Children.Insert(index, node);
    }

    private static void ApplyAttribute(Batch batch, PageElement element, int frameIndex)
    {
        int frame = batch.Frame(frameIndex);
        string name = batch.String(batch.Int(frame + 4)) ?? "";
        ulong handler = BinaryPrimitives.ReadUInt64LittleEndian(batch.Data.AsSpan(frame + 12));
        if (handler != 0)
        {
            element.Handlers[name] = handler;
        }
        else
        {
            element.Attributes[name] = batch.String(batch.Int(frame + 8));
        }
    }

    /// <summary>Reads the batch's ints, frames and string table.</summary>
    private readonly struct Batch(byte[] data)
    {
        public byte[] Data { get; } = data;

        public int Int(int offset) => BinaryPrimitives.ReadInt32LittleEndian(Data.AsSpan(offset));

        /// <summary>The byte offset of reference frame <paramref name="index"/>.</summary>
        public int Frame(int index) => Int(Data.Length - 16) + 4 + (index * FrameSize);

        public string? String(int index)
        {
            if (index < 0)
            {
                return null;
            }

            int position = Int(Int(Data.Length - 4) + (4 * index));
            int length = 0;
            int shift = 0;
            byte b;
            do
            {
                b = Data[position++];
                length |= (b & 0x7F) << shift;
                shift += 7;
            }
            while ((b & 0x80) != 0);
            return Encoding.UTF8.GetString(Data, position, length);
        }
    }
}
