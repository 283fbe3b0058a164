namespace IcaKms.Core.Tests.Spec;

/// <summary>The JSON blocks of ICA's help page, read from the spec file itself so the goldens cannot drift.</summary>
internal static class SpecDocuments
{
    private static readonly Lazy<IReadOnlyList<string>> Blocks = new(ReadBlocks);

    public static string UnversionedPolicy => Blocks.Value[0];

    public static string VersionedPolicy => Blocks.Value[1];

    public static string CrossAccountStatement => Blocks.Value[2];

    public static string SpecPath
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "spec", "sse-kms-encryption.txt");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new FileNotFoundException("spec/sse-kms-encryption.txt not found beside the test output");
        }
    }

    private static IReadOnlyList<string> ReadBlocks()
    {
        string[] lines = File.ReadAllLines(SpecPath);
        var blocks = new List<string>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "{")
            {
                continue;
            }

            int indent = lines[i].IndexOf('{', StringComparison.Ordinal);
            var block = new List<string>();
            for (; i < lines.Length; i++)
            {
                block.Add(lines[i].Length >= indent ? lines[i][indent..] : lines[i].TrimStart());
                if (lines[i].TrimEnd() == new string(' ', indent) + "}")
                {
                    break;
                }
            }

            blocks.Add(string.Join("\n", block));
        }

        return blocks.Count == 3
            ? blocks
            : throw new InvalidDataException($"expected 3 JSON blocks in the spec, found {blocks.Count}");
    }
}
