using EmsCoverage.Core.Tests.TestKit;
using EmsCoverage.Diagnostics;
using EmsCoverage.Graph;
using EmsCoverage.Routing;

namespace EmsCoverage.Core.Tests.Routing;

/// <summary>The routing index in the prepared network file: round trip, and refusal of a missing, altered, truncated or stale index.</summary>
public sealed class HierarchyFileTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "emscov-chfile-" + Guid.NewGuid().ToString("N"));

    public HierarchyFileTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Index_RoundTrips_AndSweepsTheSame()
    {
        var net = TestNetworks.Random(8, 16, 12);
        var ch = ContractionHierarchy.Build(net);
        string path = Path.Combine(_folder, "n.emsnet");
        NetworkFile.Write(net, ch, path);

        var readNet = NetworkFile.Read(path);
        Assert.True(NetworkFile.HasHierarchy(NetworkFile.ReadHeader(path)));
        var readCh = NetworkFile.ReadHierarchy(path, readNet);
        Assert.Equal(ch.NetworkSha256, readCh.NetworkSha256);
        Assert.Equal(ch.UpArcCount, readCh.UpArcCount);
        Assert.Equal(ch.ShortcutCount, readCh.ShortcutCount);

        var seeds = PhastSweepTests.RandomSeeds(net, new Random(8));
        var a = new SweepWorkspace(net.NodeCount);
        var b = new SweepWorkspace(net.NodeCount);
        PhastSweep.Run(ch, seeds, 400_000, SweepDirection.FromSources, a);
        PhastSweep.Run(readCh, seeds, 400_000, SweepDirection.FromSources, b);
        for (int lane = 0; lane < PhastSweep.LaneCount; lane++)
        {
            for (int v = 0; v < net.NodeCount; v++)
            {
                Assert.Equal(a.TimeMs(ch, lane, v), b.TimeMs(readCh, lane, v));
            }
        }
    }

    [Fact]
    public void FileWithoutIndex_IsRefusedWithAClearMessage()
    {
        var net = TestNetworks.Random(3);
        string path = Path.Combine(_folder, "plain.emsnet");
        NetworkFile.Write(net, path);
        Assert.False(NetworkFile.HasHierarchy(NetworkFile.ReadHeader(path)));
        var e = Assert.Throws<InputDataException>(() => NetworkFile.ReadHierarchy(path, NetworkFile.Read(path)));
        Assert.Contains("has no routing index", e.Message, StringComparison.Ordinal);
        Assert.Contains("emscov prepare", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AlteredIndex_IsRefused()
    {
        var net = TestNetworks.Random(4);
        string path = Path.Combine(_folder, "altered.emsnet");
        NetworkFile.Write(net, ContractionHierarchy.Build(net), path);
        var section = NetworkFile.ReadHeader(path).Sections.Single(s => s.Name == "routing-index");
        byte[] bytes = File.ReadAllBytes(path);
        bytes[section.OffsetBytes + (section.LengthBytes / 2)] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InputDataException>(() => NetworkFile.ReadHierarchy(path, net));
        Assert.Contains("checksum mismatch in section routing-index", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedIndex_IsRefused()
    {
        var net = TestNetworks.Random(5);
        string path = Path.Combine(_folder, "cut.emsnet");
        NetworkFile.Write(net, ContractionHierarchy.Build(net), path);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^40]);
        Assert.Throws<InputDataException>(() => NetworkFile.ReadHierarchy(path, net));
    }

    [Fact]
    public void IndexOfAnotherNetwork_IsRefusedAsStale()
    {
        var net = TestNetworks.Random(6);
        var other = TestNetworks.Random(7);
        string path = Path.Combine(_folder, "stale.emsnet");
        // A file whose index section (correct checksum) was built for another network.
        NetworkFile.Write(net, path, wrapStream: null, [new NetworkFile.ExtraSection(NetworkFileLayout.ContractionHierarchyId, HierarchyFormat.ToBytes(ContractionHierarchy.Build(other)))]);
        var e = Assert.Throws<InputDataException>(() => NetworkFile.ReadHierarchy(path, NetworkFile.Read(path)));
        Assert.Contains("belongs to another network", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => NetworkFile.Write(net, ContractionHierarchy.Build(other), path));
    }

    [Fact]
    public void StructurallyInvalidIndex_IsRefused_EvenWithAValidChecksum()
    {
        var net = TestNetworks.Random(9);
        byte[] blob = HierarchyFormat.ToBytes(ContractionHierarchy.Build(net));
        // First upward arc's head rank (after header, ranks and up-first) set to 0: below its tail.
        int at = 56 + (4 * net.NodeCount) + (4 * (net.NodeCount + 1));
        BitConverter.GetBytes(0).CopyTo(blob, at);
        string path = Path.Combine(_folder, "invalid.emsnet");
        NetworkFile.Write(net, path, wrapStream: null, [new NetworkFile.ExtraSection(NetworkFileLayout.ContractionHierarchyId, blob)]);
        var e = Assert.Throws<InputDataException>(() => NetworkFile.ReadHierarchy(path, net));
        Assert.Contains("routing index", e.Message, StringComparison.Ordinal);
    }
}
