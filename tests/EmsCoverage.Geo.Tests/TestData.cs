namespace EmsCoverage.Geo.Tests;

/// <summary>
/// Paths of files under the repository's <c>data/</c> folder, found from the test assembly's folder (by the shared
/// <see cref="Osm.Tests.TestData"/>).
/// </summary>
internal static class TestData
{
    /// <summary>The folder that holds <c>EmsCoverage.sln</c>.</summary>
    public static string RepositoryRoot => Osm.Tests.TestData.RepositoryRoot;

    /// <summary>A file in <c>data/fixtures/stations</c>.</summary>
    public static string Stations(string fileName) => Path.Combine(RepositoryRoot, "data", "fixtures", "stations", fileName);

    /// <summary>A file in <c>data/fixtures/population/raster</c>.</summary>
    public static string RasterFixture(string fileName) => Path.Combine(RepositoryRoot, "data", "fixtures", "population", "raster", fileName);

    /// <summary>A file in <c>data/fixtures/population/vector</c> (points and polygons with population).</summary>
    public static string PopulationVector(string fileName) =>
        Path.Combine(RepositoryRoot, "data", "fixtures", "population", "vector", fileName);

    /// <summary>A file in <c>data/fixtures/zones</c>.</summary>
    public static string Zones(string fileName) => Path.Combine(RepositoryRoot, "data", "fixtures", "zones", fileName);

    /// <summary>
    /// A real data file from the shared data folder next to the repository (<c>../shared/data</c>), which is never
    /// copied into it; a missing file fails the test with its expected location.
    /// </summary>
    public static string Shared(string fileName) => Osm.Tests.TestData.Shared(fileName);
}
