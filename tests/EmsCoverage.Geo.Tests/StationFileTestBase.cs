using EmsCoverage.Diagnostics;
using EmsCoverage.Osm.Tests;

namespace EmsCoverage.Geo.Tests;

/// <summary>What the CSV and GeoJSON station file tests share: a temporary folder, the diagnostics, and the failure check.</summary>
public abstract class StationFileTestBase : IDisposable
{
    private readonly TempFolder _temp = new();

    /// <summary>The temporary folder, deleted after each test.</summary>
    protected string Folder => _temp.Path;

    /// <summary>Receives the diagnostics of the reads in one test.</summary>
    protected DiagnosticBag Diagnostics { get; } = new();

    public void Dispose()
    {
        _temp.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Writes <paramref name="content"/> to a file named <paramref name="name"/> in the temporary folder.</summary>
    protected string Temp(string name, string content)
    {
        string path = Path.Combine(Folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Reading <paramref name="path"/> fails with an exception that names the file first.</summary>
    protected InputDataException Fails(string path, StationFileOptions? options = null)
    {
        var ex = Assert.Throws<InputDataException>(() => StationFile.Read(path, Diagnostics, options));
        Assert.Equal(path, ex.FilePath);
        Assert.StartsWith(path, ex.Message, StringComparison.Ordinal);
        return ex;
    }
}
