using System.Buffers.Binary;
using System.Security.Cryptography;
using EmsCoverage.Graph;
using Layout = EmsCoverage.Graph.NetworkFileLayout;

namespace EmsCoverage.Core.Tests.Travel;

/// <summary>The arc-road-class section of the prepared file (format 1.1).</summary>
public sealed class RoadClassFileTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "emscov-roadclass-" + Guid.NewGuid().ToString("N"));

    public RoadClassFileTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static RoadNetwork Network()
    {
        var b = new RoadNetworkBuilder();
        int a = b.AddNode(47.10, 9.50), c = b.AddNode(47.11, 9.51), d = b.AddNode(47.12, 9.50);
        b.AddRoad(a, c, 60_000, 61_000, 1200, 1, default, RoadClass.Motorway);
        b.AddRoad(c, d, 30_000, -1, 800, 2, default, RoadClass.LivingStreet);
        b.AddRoad(d, a, 45_000, 45_000, 900, 3, default, RoadClass.Ferry);
        b.AddArc(a, d, 5_000);
        return b.Build();
    }

    [Fact]
    public void WriteThenRead_KeepsTheRoadClassOfEveryArc()
    {
        var net = Network();
        string path = Path.Combine(_folder, "net.emsnet");
        NetworkFile.Write(net, path);

        var read = NetworkFile.Read(path);
        var info = NetworkFile.ReadHeader(path);

        Assert.Equal(1, info.FormatMinor);
        var section = Assert.Single(info.Sections, s => s.Name == "arc-road-class");
        Assert.Equal(net.ArcCount, section.LengthBytes);
        Assert.Equal(Enumerable.Range(0, net.ArcCount).Select(net.ArcRoadClass), Enumerable.Range(0, read.ArcCount).Select(read.ArcRoadClass));
        Assert.Contains(RoadClass.Ferry, Enumerable.Range(0, read.ArcCount).Select(read.ArcRoadClass));
        Assert.Contains(RoadClass.Unknown, Enumerable.Range(0, read.ArcCount).Select(read.ArcRoadClass));
        Assert.True(read.HasRoadClasses);
    }

    [Fact]
    public void Read_FileWithoutTheSection_LoadsWithUnknownClasses()
    {
        // A format 1.0 file: the same file with the section's table entry removed (and its bytes zeroed as padding).
        string path = Path.Combine(_folder, "old.emsnet");
        NetworkFile.Write(Network(), path);
        byte[] bytes = File.ReadAllBytes(path);
        var info = NetworkFile.ReadHeader(path);
        int index = info.Sections.ToList().FindIndex(s => s.Name == "arc-road-class");
        Assert.Equal(info.Sections.Count - 1, index); // the new section is written last
        var section = info.Sections[index];
        int headerSize = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(Layout.HeaderSizeOffset));
        int tableStart = headerSize - Layout.HashSize - (info.Sections.Count * Layout.SectionEntrySize);
        int newHeaderSize = headerSize - Layout.SectionEntrySize;
        var header = new byte[newHeaderSize];
        bytes.AsSpan(0, tableStart + (index * Layout.SectionEntrySize)).CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(Layout.HeaderSizeOffset), (uint)newHeaderSize);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(Layout.SectionCountOffset), (uint)(info.Sections.Count - 1));
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(Layout.MinorOffset), 0);
        // The file now ends where the previous section ends (the dropped section and its padding go).
        var previous = info.Sections[index - 1];
        long newLength = previous.OffsetBytes + previous.LengthBytes;
        Assert.True(newLength <= section.OffsetBytes);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(Layout.FileSizeOffset), newLength);
        SHA256.HashData(header.AsSpan(0, newHeaderSize - Layout.HashSize), header.AsSpan(newHeaderSize - Layout.HashSize));
        var old = new byte[newLength];
        bytes.AsSpan(0, (int)newLength).CopyTo(old);
        Array.Clear(old, 0, headerSize);
        header.CopyTo(old, 0);
        File.WriteAllBytes(path, old);

        var read = NetworkFile.Read(path);

        Assert.Equal(0, NetworkFile.ReadHeader(path).FormatMinor);
        Assert.False(read.HasRoadClasses);
        Assert.All(Enumerable.Range(0, read.ArcCount), a => Assert.Equal(RoadClass.Unknown, read.ArcRoadClass(a)));
    }
}
