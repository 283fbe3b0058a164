namespace IcaKms.E2E.Tests.Infrastructure;

/// <summary>Paths of the repository the tests run from.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The directory holding IcaKms.sln.</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>Where test artifacts go (the same TestResults folder as scripts/test.sh's trx files).</summary>
    public static string TestResults => Path.Combine(RepoRoot, "TestResults");

    /// <summary>The path of a screenshot named <paramref name="name"/>, its folder created.</summary>
    public static string Screenshot(string name)
    {
        string directory = Path.Combine(TestResults, "screenshots");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name + ".png");
    }

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IcaKms.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"IcaKms.sln not found above {AppContext.BaseDirectory}.");
    }
}
