using EmsCoverage.Diagnostics;

namespace EmsCoverage.Cli;

/// <summary>Finds the shared demo data folder: <c>../shared/data</c> beside the repository root.</summary>
internal static class DataPaths
{
    public const string DemoExtract = "liechtenstein-2021.osm.pbf";

    /// <summary>
    /// The data folder: <paramref name="explicitFolder"/> when given, else the EMSCOV_DATA_DIR environment
    /// variable, else <c>../shared/data</c> relative to the repository root found above the current folder or
    /// above the program's own folder.
    /// </summary>
    public static string DataFolder(string? explicitFolder)
    {
        if (!string.IsNullOrEmpty(explicitFolder))
        {
            return explicitFolder;
        }

        string? fromEnvironment = Environment.GetEnvironmentVariable("EMSCOV_DATA_DIR");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            string? root = RepositoryRoot(start);
            if (root is not null)
            {
                return Path.GetFullPath(Path.Combine(root, "..", "shared", "data"));
            }
        }

        return Path.GetFullPath(Path.Combine("..", "shared", "data"));
    }

    /// <summary>Path of <paramref name="fileName"/> in the data folder; a clear error when it is not there.</summary>
    public static string RequireDataFile(string? explicitFolder, string fileName)
    {
        string folder = DataFolder(explicitFolder);
        string path = Path.Combine(folder, fileName);
        if (!File.Exists(path))
        {
            throw new InputDataException(path,
                $"{fileName}: not found in the data folder {folder}. The demo reads the shared data that sits beside the " +
                "repository (../shared/data); pass --data-dir or set EMSCOV_DATA_DIR to where that folder is.");
        }

        return path;
    }

    /// <summary>The demo's run configuration, <c>data/demo/liechtenstein.toml</c> in the repository.</summary>
    public static string DemoConfig()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            if (RepositoryRoot(start) is { } root)
            {
                return Path.Combine(root, "data", "demo", "liechtenstein.toml");
            }
        }

        throw new InputDataException("data/demo/liechtenstein.toml: the demo configuration was not found; run the demo from the EmsCoverage repository.");
    }

    private static string? RepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EmsCoverage.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
