namespace EmsCoverage.Geo.Tests;

/// <summary>Paths of files under the repository's <c>data/</c> folder, found from the test assembly's folder.</summary>
internal static class TestData
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    /// <summary>The folder that holds <c>EmsCoverage.sln</c>.</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>A file in <c>data/fixtures/stations</c>.</summary>
    public static string Stations(string fileName) => Path.Combine(RepositoryRoot, "data", "fixtures", "stations", fileName);

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "EmsCoverage.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains EmsCoverage.sln.");
    }
}
