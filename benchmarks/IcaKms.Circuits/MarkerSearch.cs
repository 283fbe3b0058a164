using System.Text;
using Microsoft.Diagnostics.NETCore.Client;

namespace IcaKms.Circuits;

/// <summary>How often a marker's bytes occur in a heap dump, as .NET strings hold it (UTF-16) and as buffers do (UTF-8).</summary>
internal sealed record MarkerCount(long Utf16, long Utf8, long DumpBytes)
{
    public long Total => Utf16 + Utf8;

    public override string ToString() => $"{Total} ({Utf16} UTF-16, {Utf8} UTF-8) in a {DumpBytes / 1024.0 / 1024.0:F0} MB dump";
}

/// <summary>
/// Writes a heap dump of another .NET process (the diagnostics IPC's WriteDump, as dotnet-dump collect --type Heap does:
/// every managed heap page, live or free) and counts the occurrences of a marker in its raw bytes. Free heap memory
/// counts too: a credential's bytes left in a freed buffer are a leak for this purpose.
/// </summary>
internal static class MarkerSearch
{
    public static async Task<MarkerCount> DumpAndCountAsync(int pid, string marker, string folder, string name, bool keep = false)
    {
        string path = Path.Combine(folder, $"icakms-soak-{pid}-{name}.dmp");
        try
        {
            await new DiagnosticsClient(pid).WriteDumpAsync(DumpType.WithHeap, path, logDumpGeneration: false, CancellationToken.None);
            return new MarkerCount(Count(path, Encoding.Unicode.GetBytes(marker)), Count(path, Encoding.UTF8.GetBytes(marker)), new FileInfo(path).Length);
        }
        finally
        {
            if (!keep)
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>Occurrences of <paramref name="needle"/> in the file, read in chunks that overlap by the needle's length.</summary>
    private static long Count(string path, byte[] needle)
    {
        using FileStream file = File.OpenRead(path);
        byte[] buffer = new byte[16 * 1024 * 1024];
        long count = 0;
        int carried = 0;
        int read;
        while ((read = file.Read(buffer, carried, buffer.Length - carried)) > 0)
        {
            int length = carried + read;
            ReadOnlySpan<byte> span = buffer.AsSpan(0, length);
            int at = 0;
            int found;
            while ((found = span[at..].IndexOf(needle)) >= 0)
            {
                count++;
                at += found + needle.Length;
            }

            // Keep the tail that could start a match across the chunk boundary (never one already counted).
            carried = Math.Min(needle.Length - 1, length - at);
            Array.Copy(buffer, length - carried, buffer, 0, carried);
        }

        return count;
    }
}
