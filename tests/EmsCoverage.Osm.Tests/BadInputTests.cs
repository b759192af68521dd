using EmsCoverage.Diagnostics;

namespace EmsCoverage.Osm.Tests;

/// <summary>Files that cannot be used: every failure is an <see cref="InputDataException"/> whose message names the file.</summary>
public class BadInputTests
{
    [Fact]
    public void MissingFile_SaysNotFound()
    {
        using var temp = new TempFolder();
        string path = temp.File("missing.osm.pbf");

        var ex = Assert.Throws<InputDataException>(() => OsmNetworkReader.ReadFile(path));

        Assert.Equal($"{path}: file not found", ex.Message);
        Assert.Equal(path, ex.FilePath);
    }

    [Fact]
    public void EmptyFile_SaysEmpty()
    {
        using var temp = new TempFolder();
        string path = temp.File("empty.osm.pbf");
        File.WriteAllBytes(path, []);

        var ex = Assert.Throws<InputDataException>(() => OsmNetworkReader.ReadFile(path));

        Assert.StartsWith(path + ": ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RandomBytes_NotOsm()
    {
        using var temp = new TempFolder();
        string path = temp.File("noise.osm.pbf");
        var bytes = new byte[10_000];
        new Random(12345).NextBytes(bytes);
        bytes[0] = 0x42; // not '<', not a gzip/bzip2 magic
        File.WriteAllBytes(path, bytes);

        var ex = Assert.Throws<InputDataException>(() => OsmNetworkReader.ReadFile(path));

        Assert.Equal($"{path}: not an OSM PBF or XML file", ex.Message);
    }

    [Fact]
    public void TruncatedPbf_SaysWhere()
    {
        using var temp = new TempFolder();
        string path = temp.File("monaco-cut.osm.pbf");
        byte[] whole = File.ReadAllBytes(TestData.Shared("monaco.osm.pbf"));
        File.WriteAllBytes(path, whole[..(whole.Length / 2)]);

        var ex = Assert.Throws<InputDataException>(() => OsmNetworkReader.ReadFile(path));

        Assert.StartsWith(path + ": truncated at byte " + (whole.Length / 2), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedPbf_StationReaderToo()
    {
        using var temp = new TempFolder();
        string path = temp.File("li-cut.osm.pbf");
        byte[] whole = File.ReadAllBytes(TestData.Shared("liechtenstein-2021.osm.pbf"));
        File.WriteAllBytes(path, whole[..100_000]);

        var ex = Assert.Throws<InputDataException>(() => OsmStationReader.Read(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4, "lzma")]
    [InlineData(7, "zstd")]
    public void UnsupportedPbfCompression_SuggestsOsmium(int blobField, string compression)
    {
        using var temp = new TempFolder();
        string path = temp.File("odd.osm.pbf");
        File.WriteAllBytes(path, PbfWithHeaderBlob(blobField));

        var ex = Assert.Throws<InputDataException>(() => OsmNetworkReader.ReadFile(path));

        Assert.StartsWith(path + ": ", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"uses {compression} compression", ex.Message, StringComparison.Ordinal);
        Assert.Contains("osmium cat odd.osm.pbf -o", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void XmlWithoutDrivableRoads_SaysSo()
    {
        string path = TestData.Fixture("no-roads.osm");

        var ex = Assert.Throws<InputDataException>(() => OsmNetworkReader.ReadFile(path));

        Assert.StartsWith(path + ": no drivable roads for profile 'ambulance'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("3 ways read", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void XmlOfAnotherKind_NotOsm()
    {
        using var temp = new TempFolder();
        string path = temp.File("track.osm");
        File.WriteAllText(path, "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\"><trk/></gpx>\n");

        var ex = Assert.Throws<InputDataException>(() => OsmNetworkReader.ReadFile(path));

        Assert.Equal($"{path}: not an OSM XML file (root element <gpx>, expected <osm>)", ex.Message);
    }

    [Fact]
    public void TruncatedXml_SaysMalformedWithLine()
    {
        using var temp = new TempFolder();
        string path = temp.File("cut.osm");
        string text = File.ReadAllText(TestData.Fixture("t-junction-oneway.osm"));
        File.WriteAllText(path, text[..text.IndexOf("<way id=\"11\"", StringComparison.Ordinal)] + "<way id=\"11\" vers");

        var ex = Assert.Throws<InputDataException>(() => OsmNetworkReader.ReadFile(path));

        Assert.StartsWith(path + ": malformed XML at line", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void XmlWhoseNodesAreAllMissing_NoDrivableRoads()
    {
        using var temp = new TempFolder();
        string path = temp.File("ways-only.osm");
        File.WriteAllText(path, "<osm version=\"0.6\"><way id=\"2\"><nd ref=\"1\"/><nd ref=\"3\"/><tag k=\"highway\" v=\"primary\"/></way></osm>");

        var ex = Assert.Throws<InputDataException>(() => OsmNetworkReader.ReadFile(path));

        Assert.Equal($"{path}: no drivable roads: 1 drivable ways found, but none has two nodes present in the file", ex.Message);
    }

    [Fact]
    public void GzipFile_SaysDecompressFirst()
    {
        using var temp = new TempFolder();
        string path = temp.File("roads.osm.gz");
        File.WriteAllBytes(path, [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00]);

        var ex = Assert.Throws<InputDataException>(() => OsmNetworkReader.ReadFile(path));

        Assert.StartsWith(path + ": gzip-compressed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Folder_IsNotAFile()
    {
        using var temp = new TempFolder();

        var ex = Assert.Throws<InputDataException>(() => OsmNetworkReader.ReadFile(temp.Path));

        Assert.Contains(temp.Path, ex.Message, StringComparison.Ordinal);
    }

    // A PBF whose first blob (OSMHeader) stores its data in Blob field `blobField` (4 lzma_data, 7 zstd_data).
    private static byte[] PbfWithHeaderBlob(int blobField)
    {
        byte[] payload = [1, 2, 3, 4, 5, 6, 7, 8];
        byte[] blob = [0x10, 0x20, (byte)((blobField << 3) | 2), (byte)payload.Length, .. payload]; // raw_size = 32, data
        byte[] header = [0x0A, 9, .. "OSMHeader"u8, 0x18, (byte)blob.Length];                      // type, datasize
        return [0, 0, 0, (byte)header.Length, .. header, .. blob];
    }
}
