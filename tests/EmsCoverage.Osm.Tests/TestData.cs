namespace EmsCoverage.Osm.Tests;

/// <summary>
/// Finds test inputs without depending on the working directory: walks up from the test assembly to the folder
/// holding <c>EmsCoverage.sln</c> (the repository root); fixtures live under <c>data/</c> there, real extracts in
/// <c>../shared/data</c> next to the repository (never copied into it).
/// </summary>
internal static class TestData
{
    private static readonly Lazy<string> LazyRepositoryRoot = new(FindRepositoryRoot);

    public static string RepositoryRoot => LazyRepositoryRoot.Value;

    /// <summary>A hand-made fixture under <c>data/fixtures/osm</c>.</summary>
    public static string Fixture(string name) => Existing(Path.Combine(RepositoryRoot, "data", "fixtures", "osm", name), "fixture");

    /// <summary>The shipped profile file, <c>data/profiles/ambulance.toml</c>.</summary>
    public static string ProfileFile => Existing(Path.Combine(RepositoryRoot, "data", "profiles", "ambulance.toml"), "profile");

    /// <summary>A real extract from the shared data folder (<c>../shared/data</c> relative to the repository root).</summary>
    public static string Shared(string name) =>
        Existing(Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data", name)), "shared data");

    private static string Existing(string path, string what) =>
        File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Missing {what} file '{Path.GetFileName(path)}': expected at {path}.", path);

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EmsCoverage.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException(
            $"No folder containing EmsCoverage.sln above the test assembly folder {AppContext.BaseDirectory}.");
    }
}

/// <summary>A temporary folder deleted when disposed.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "emscov-osm-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is not a test failure.
        }
    }
}
