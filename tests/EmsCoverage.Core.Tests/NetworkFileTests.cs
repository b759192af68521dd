using System.Buffers.Binary;
using System.Security.Cryptography;
using EmsCoverage.Diagnostics;
using EmsCoverage.Graph;
using Layout = EmsCoverage.Graph.NetworkFileLayout;

namespace EmsCoverage.Core.Tests;

public sealed class NetworkFileTests : IDisposable
{
    private static readonly DateTimeOffset DataDate = new(2021, 10, 28, 20, 21, 3, TimeSpan.Zero);

    private const string SourceSha = "3f1c5a0e9b7d2c4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e";
    private const string ProfileSha = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "emscov-networkfile-" + Guid.NewGuid().ToString("N"));

    public NetworkFileTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    //   A ⇄ B ⇄ C ⇄ D → E         A ⇄ B and B ⇄ C have inner shape points, C → A is one-way,
    //   ↑_______↙                   C ⇄ D has a way id above 2^32, D → E is one-way into a dead end
    //                               (so E is a component of its own: 2 components, the largest has 4 nodes).
    private static RoadNetwork HandBuiltNetwork()
    {
        var b = new RoadNetworkBuilder();
        int a = b.AddNode(47.10, 9.50);
        int bb = b.AddNode(47.11, 9.51);
        int c = b.AddNode(47.12, 9.50);
        int d = b.AddNode(47.13, 9.52);
        int e = b.AddNode(47.20, 9.60);
        b.AddRoad(a, bb, 60_000, 61_000, 1234.5, 1001, [(47.105, 9.5051234)]);
        b.AddRoad(bb, c, 30_000, 30_000, 800.25, 1002, [(47.112, 9.509), (47.118, 9.503)]);
        b.AddRoad(c, a, 45_000, -1, 999.9, 1003);
        b.AddRoad(c, d, 10_000, 12_000, 100, 9_000_000_000L);
        b.AddArc(d, e, 5_000);
        return b.Build(new NetworkProvenance(SourceSha, ProfileSha, "Zürich-latest.osm.pbf") { DataDate = DataDate });
    }

    private string PathOf(string name) => Path.Combine(_folder, name);

    private string WrittenFile()
    {
        string path = PathOf("net.emsnet");
        NetworkFile.Write(HandBuiltNetwork(), path);
        return path;
    }

    private static InputDataException ReadFails(string path)
    {
        var ex = Assert.Throws<InputDataException>(() => NetworkFile.Read(path));
        Assert.Equal(path, ex.FilePath);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        return ex;
    }

    [Fact]
    public void Write_ThenRead_EveryArrayAndPropertyIsEqual()
    {
        var original = HandBuiltNetwork();
        string path = PathOf("net.emsnet");

        NetworkFile.Write(original, path);
        var read = NetworkFile.Read(path);

        Assert.Equal(original._firstArc, read._firstArc);
        Assert.Equal(original._arcHead, read._arcHead);
        Assert.Equal(original._arcTail, read._arcTail);
        Assert.Equal(original._arcTravelTimeMs, read._arcTravelTimeMs);
        Assert.Equal(original._arcLengthM, read._arcLengthM);
        Assert.Equal(original._arcTwin, read._arcTwin);
        Assert.Equal(original._arcWayId, read._arcWayId);
        Assert.Equal(original._arcShapeStart, read._arcShapeStart);
        Assert.Equal(original._shapeLatE7, read._shapeLatE7);
        Assert.Equal(original._shapeLonE7, read._shapeLonE7);
        Assert.Equal(original._nodeLatE7, read._nodeLatE7);
        Assert.Equal(original._nodeLonE7, read._nodeLonE7);
        Assert.Equal(original._nodeComponent, read._nodeComponent);
        Assert.Equal(original.Provenance, read.Provenance);
        Assert.Equal(2, read.ComponentCount);
        Assert.Equal(4, read.LargestComponentNodeCount);
        Assert.Equal(5, read.NodeCount);
        Assert.Equal(8, read.ArcCount);
        Assert.Equal(9_000_000_000L, read.ArcWayId(Array.IndexOf(read._arcWayId, 9_000_000_000L)));
        for (int arc = 0; arc < read.ArcCount; arc++)
        {
            Assert.Equal(original.ArcShapePointCount(arc), read.ArcShapePointCount(arc));
            for (int i = 0; i < read.ArcShapePointCount(arc); i++)
            {
                Assert.Equal(original.ArcShapePoint(arc, i), read.ArcShapePoint(arc, i));
            }

            Assert.Equal(original.ArcLengthM(arc), read.ArcLengthM(arc));
            Assert.Equal(original.IsArcInLargestComponent(arc), read.IsArcInLargestComponent(arc));
        }
    }

    [Fact]
    public void Write_ThenRead_EmptyNetwork_RoundTrips()
    {
        string path = PathOf("empty.emsnet");

        NetworkFile.Write(new RoadNetworkBuilder().Build(), path);
        var read = NetworkFile.Read(path);

        Assert.Equal(0, read.NodeCount);
        Assert.Equal(0, read.ArcCount);
        Assert.Equal(NetworkProvenance.Synthetic, read.Provenance);
    }

    [Fact]
    public void Write_SectionsStartOn64ByteBoundaries_AndFileSizeMatchesHeader()
    {
        string path = WrittenFile();

        var info = NetworkFile.ReadHeader(path);

        Assert.Equal(new FileInfo(path).Length, info.FileSizeBytes);
        Assert.Equal(13, info.Sections.Count);
        Assert.All(info.Sections, s => Assert.Equal(0, s.OffsetBytes % 64));
        Assert.Equal(8 * 4, info.Sections.Single(s => s.Name == "arc-head").LengthBytes);
        Assert.Equal(8 * 8, info.Sections.Single(s => s.Name == "arc-way-id").LengthBytes);
        Assert.Equal(6 * 4, info.Sections.Single(s => s.Name == "first-arc").LengthBytes);
    }

    [Fact]
    public void ReadHeader_ReportsVersionCountsAndProvenance()
    {
        string path = WrittenFile();

        var info = NetworkFile.ReadHeader(path);

        Assert.Equal(NetworkFile.CurrentFormatMajor, info.FormatMajor);
        Assert.Equal(NetworkFile.CurrentFormatMinor, info.FormatMinor);
        Assert.Equal(5, info.NodeCount);
        Assert.Equal(8, info.ArcCount);
        Assert.Equal(6, info.ShapePointCount); // 1 + 2 inner points, each stored for both directions
        Assert.Equal(2, info.ComponentCount);
        Assert.Equal(4, info.LargestComponentNodeCount);
        Assert.Equal(new NetworkProvenance(SourceSha, ProfileSha, "Zürich-latest.osm.pbf") { DataDate = DataDate }, info.Provenance);
    }

    [Fact]
    public void MatchesSource_SameHashesInAnyCase_True_OtherwiseFalse()
    {
        var info = NetworkFile.ReadHeader(WrittenFile());

        Assert.True(NetworkFile.MatchesSource(info, SourceSha.ToUpperInvariant(), ProfileSha));
        Assert.False(NetworkFile.MatchesSource(info, ProfileSha, ProfileSha));
        Assert.False(NetworkFile.MatchesSource(info, SourceSha, SourceSha));
    }

    [Fact]
    public void Read_MissingFile_SaysNotFound()
    {
        var ex = ReadFails(PathOf("nope.emsnet"));

        Assert.Contains("not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyFile_SaysNotANetworkFile()
    {
        string path = PathOf("empty.emsnet");
        File.WriteAllBytes(path, []);

        var ex = ReadFails(path);

        Assert.Contains("not an EmsCoverage network file (the file is empty)", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PK\u0003\u0004 a zip archive, not a network")]
    [InlineData("<?xml version='1.0'?><osm/>")]
    [InlineData("X")] // shorter than the magic and already different
    public void Read_WrongMagic_SaysBadMagic(string content)
    {
        string path = PathOf("other.emsnet");
        File.WriteAllText(path, content);

        var ex = ReadFails(path);

        Assert.Contains("not an EmsCoverage network file (bad magic)", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, "a newer EmsCoverage (format 2.")]
    [InlineData(0, "an older EmsCoverage (format 0.")]
    public void Read_UnknownMajorVersion_AsksToPrepareAgain(int major, string expected)
    {
        string path = WrittenFile();
        byte[] bytes = File.ReadAllBytes(path);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(Layout.MajorOffset), (ushort)major);
        File.WriteAllBytes(path, bytes);

        var ex = ReadFails(path);

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains("run `emscov prepare` again", ex.Message, StringComparison.Ordinal);
        Assert.Throws<InputDataException>(() => NetworkFile.ReadHeader(path));
    }

    [Fact]
    public void Read_NewerMinorVersion_IsAccepted()
    {
        string path = WrittenFile();
        byte[] bytes = File.ReadAllBytes(path);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(Layout.MinorOffset), 7);
        RehashHeader(bytes);
        File.WriteAllBytes(path, bytes);

        var read = NetworkFile.Read(path);

        Assert.Equal(8, read.ArcCount);
        Assert.Equal(7, NetworkFile.ReadHeader(path).FormatMinor);
    }

    public static TheoryData<string> SectionNames()
    {
        var data = new TheoryData<string>();
        foreach (var kind in Layout.Sections)
        {
            data.Add(kind.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SectionNames))]
    public void Read_FlippedByteInSection_ReportsChecksumMismatchInThatSection(string section)
    {
        string path = WrittenFile();
        var entry = NetworkFile.ReadHeader(path).Sections.Single(s => s.Name == section);
        byte[] bytes = File.ReadAllBytes(path);
        bytes[entry.OffsetBytes + (entry.LengthBytes / 2)] ^= 0x10;
        File.WriteAllBytes(path, bytes);

        var ex = ReadFails(path);

        Assert.Contains($"checksum mismatch in section {section}: file is corrupt; run `emscov prepare` again", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Layout.NodeCountOffset)]
    [InlineData(Layout.ComponentCountOffset)]
    [InlineData(Layout.ProvenanceOffset + 5)]
    [InlineData(-40)] // inside the last section table entry's hash
    public void Read_FlippedByteInHeader_ReportsHeaderChecksumMismatch(int offset)
    {
        string path = WrittenFile();
        byte[] bytes = File.ReadAllBytes(path);
        int headerSize = HeaderSize(bytes);
        bytes[offset >= 0 ? offset : headerSize + offset] ^= 0x01;
        File.WriteAllBytes(path, bytes);

        var ex = ReadFails(path);

        Assert.Contains("header checksum mismatch", ex.Message, StringComparison.Ordinal);
        Assert.Throws<InputDataException>(() => NetworkFile.ReadHeader(path));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(12)]
    [InlineData(30)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(-1)] // headerSize - 1
    [InlineData(-2)] // headerSize
    [InlineData(-3)] // half the file
    [InlineData(-4)] // all but the last byte
    public void Read_TruncatedFile_SaysTruncatedWithExpectedAndFoundSizes(int length)
    {
        string path = WrittenFile();
        byte[] bytes = File.ReadAllBytes(path);
        int keep = length switch
        {
            -1 => HeaderSize(bytes) - 1,
            -2 => HeaderSize(bytes),
            -3 => bytes.Length / 2,
            -4 => bytes.Length - 1,
            _ => length,
        };
        File.WriteAllBytes(path, bytes[..keep]);

        var ex = ReadFails(path);

        Assert.Contains("truncated: expected ", ex.Message, StringComparison.Ordinal);
        Assert.Contains($" bytes, found {keep}", ex.Message, StringComparison.Ordinal);
        if (keep >= 24)
        {
            Assert.Contains($"expected {bytes.Length} bytes", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Read_FlippedByteInPaddingBetweenSections_IsReported()
    {
        string path = WrittenFile();
        var info = NetworkFile.ReadHeader(path);
        var first = info.Sections.First(s => s.LengthBytes % 64 != 0);
        byte[] bytes = File.ReadAllBytes(path);
        bytes[first.OffsetBytes + first.LengthBytes] ^= 0x01;
        File.WriteAllBytes(path, bytes);

        var ex = ReadFails(path);

        Assert.Contains($"non-zero bytes in the padding at byte {first.OffsetBytes + first.LengthBytes}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownSectionFromANewerMinorVersion_IsVerifiedAndSkipped()
    {
        string path = WrittenFile();
        byte[] bytes = WithExtraSection(File.ReadAllBytes(path), id: 99, payload: "future data"u8.ToArray());
        File.WriteAllBytes(path, bytes);

        var read = NetworkFile.Read(path);
        var info = NetworkFile.ReadHeader(path);

        Assert.Equal(HandBuiltNetwork()._arcHead, read._arcHead);
        Assert.Equal("unknown-99", info.Sections[^1].Name);
        Assert.Equal(11, info.Sections[^1].LengthBytes);

        var unknown = info.Sections[^1];
        bytes[unknown.OffsetBytes] ^= 0x01;
        File.WriteAllBytes(path, bytes);
        Assert.Contains("checksum mismatch in section unknown-99", ReadFails(path).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ExtraBytesAtTheEnd_IsRefused()
    {
        string path = WrittenFile();
        File.AppendAllText(path, "junk");

        var ex = ReadFails(path);

        Assert.Contains("4 unexpected bytes at the end", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HeaderClaims2Pow31Nodes_ClearErrorWithoutAllocating()
    {
        string path = WrittenFile();
        byte[] bytes = File.ReadAllBytes(path);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(Layout.NodeCountOffset), 1L << 31);
        RehashHeader(bytes);
        File.WriteAllBytes(path, bytes);
        long before = GC.GetAllocatedBytesForCurrentThread();

        var ex = ReadFails(path);

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000, "Read allocated more than 1 MB for a tiny file.");
        Assert.Contains("header claims 2147483648 nodes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HeaderClaimsMoreNodesThanTheFileHolds_ClearErrorWithoutAllocating()
    {
        string path = WrittenFile();
        byte[] bytes = File.ReadAllBytes(path);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(Layout.NodeCountOffset), 100_000_000);
        RehashHeader(bytes);
        File.WriteAllBytes(path, bytes);
        long before = GC.GetAllocatedBytesForCurrentThread();

        var ex = ReadFails(path);

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000, "Read allocated more than 1 MB for a tiny file.");
        Assert.Contains("header claims 100000000 nodes", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"but the file has {bytes.Length} bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SectionLengthDisagreesWithCounts_IsRefused()
    {
        string path = WrittenFile();
        byte[] bytes = File.ReadAllBytes(path);
        // One node fewer in the header: every node section is now 4 bytes too long.
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(Layout.NodeCountOffset), 4);
        RehashHeader(bytes);
        File.WriteAllBytes(path, bytes);

        var ex = ReadFails(path);

        Assert.Contains("section node-lat is 20 bytes", ex.Message, StringComparison.Ordinal);
    }

    // Structural checks: each edit keeps the checksums valid, as a hand-edit followed by a re-hash would.
    [Theory]
    [InlineData(Layout.ArcHeadId, 3, 99, "arc 3 leads to node 99, but the network has 5 nodes")]
    [InlineData(Layout.ArcTailId, 0, 99, "but its tail is 99")]
    [InlineData(Layout.FirstArcId, 1, 100, "first-arc decreases at node 1 (100 then")]
    [InlineData(Layout.FirstArcId, 5, 7, "first-arc must run from 0 to 8")]
    [InlineData(Layout.ArcTimeId, 1, -5, "negative travel time")]
    [InlineData(Layout.NodeComponentId, 1, 2, "but there are 2 components")]
    [InlineData(Layout.NodeLatId, 0, 910_000_000, "coordinates outside WGS84 ranges")]
    [InlineData(Layout.ArcShapeStartId, 8, 5, "arc-shape-start must run from 0 to 6")]
    public void Read_HandEditedStructure_IsRefused(int sectionId, int index, int value, string expected)
    {
        string path = WrittenFile();
        byte[] bytes = File.ReadAllBytes(path);
        var (offset, _) = SectionRange(bytes, sectionId);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan((int)offset + (index * 4)), value);
        RehashSection(bytes, sectionId);
        RehashHeader(bytes);
        File.WriteAllBytes(path, bytes);

        var ex = ReadFails(path);

        Assert.Contains("invalid network structure", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HandEditedTwinNotSymmetric_IsRefused()
    {
        var original = HandBuiltNetwork();
        int oneWay = Array.FindIndex(original._arcTwin, t => t == RoadNetwork.NoArc);
        int twoWay = Array.FindIndex(original._arcTwin, t => t != RoadNetwork.NoArc);
        string path = WrittenFile();
        byte[] bytes = File.ReadAllBytes(path);
        var (offset, _) = SectionRange(bytes, Layout.ArcTwinId);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan((int)offset + (oneWay * 4)), twoWay);
        RehashSection(bytes, Layout.ArcTwinId);
        RehashHeader(bytes);
        File.WriteAllBytes(path, bytes);

        var ex = ReadFails(path);

        Assert.Contains($"arc {oneWay} has twin {twoWay}, but the twin of {twoWay} is", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ReplacesAnExistingFile_AndLeavesNoTemporaryFile()
    {
        string path = PathOf("net.emsnet");
        File.WriteAllText(path, "an older file");

        NetworkFile.Write(HandBuiltNetwork(), path);

        Assert.Equal(new[] { "net.emsnet" }, Directory.GetFiles(_folder).Select(Path.GetFileName));
        Assert.Equal(8, NetworkFile.Read(path).ArcCount);
    }

    [Fact]
    public void Write_StreamFailsHalfway_KeepsThePreviousFileAndDeletesTheTemporaryFile()
    {
        string path = PathOf("net.emsnet");
        NetworkFile.Write(new RoadNetworkBuilder().Build(), path);
        byte[] previous = File.ReadAllBytes(path);

        var ex = Assert.Throws<IOException>(() =>
            NetworkFile.Write(HandBuiltNetwork(), path, inner => new FailingStream(inner, failAfterBytes: 700)));

        Assert.Equal(FailingStream.Message, ex.Message);
        Assert.Equal(new[] { "net.emsnet" }, Directory.GetFiles(_folder).Select(Path.GetFileName));
        Assert.Equal(previous, File.ReadAllBytes(path));
        Assert.Equal(0, NetworkFile.Read(path).NodeCount);
    }

    [Fact]
    public void Write_TargetIsAFolder_FailsAndLeavesNoTemporaryFile()
    {
        string path = PathOf("net.emsnet");
        Directory.CreateDirectory(path);

        Assert.ThrowsAny<IOException>(() => NetworkFile.Write(HandBuiltNetwork(), path));

        Assert.Empty(Directory.GetFiles(_folder));
        Assert.True(Directory.Exists(path));
    }

    [Fact]
    public void Write_FolderMissing_ThrowsAndCreatesNothing()
    {
        string path = Path.Combine(_folder, "missing", "net.emsnet");

        Assert.Throws<DirectoryNotFoundException>(() => NetworkFile.Write(HandBuiltNetwork(), path));

        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public void Write_ProvenanceTooLongToStore_ThrowsBeforeCreatingAFile()
    {
        var builder = new RoadNetworkBuilder();
        builder.AddNode(47.1, 9.5);
        var network = builder.Build(new NetworkProvenance(SourceSha, ProfileSha, new string('x', 5000)));

        Assert.Throws<ArgumentException>(() => NetworkFile.Write(network, PathOf("net.emsnet")));

        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    private static int HeaderSize(byte[] bytes) =>
        (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(Layout.HeaderSizeOffset));

    private static int SectionEntryOffset(byte[] bytes, int sectionId)
    {
        int headerSize = HeaderSize(bytes);
        int count = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(Layout.SectionCountOffset));
        int table = headerSize - Layout.HashSize - (count * Layout.SectionEntrySize);
        for (int i = 0; i < count; i++)
        {
            int at = table + (i * Layout.SectionEntrySize);
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at)) == sectionId)
            {
                return at;
            }
        }

        throw new InvalidOperationException($"Section {sectionId} not in the table.");
    }

    private static (long Offset, long Length) SectionRange(byte[] bytes, int sectionId)
    {
        int at = SectionEntryOffset(bytes, sectionId);
        return (BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(at + 8)), BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(at + 16)));
    }

    private static void RehashSection(byte[] bytes, int sectionId)
    {
        var (offset, length) = SectionRange(bytes, sectionId);
        SHA256.HashData(bytes.AsSpan((int)offset, (int)length), bytes.AsSpan(SectionEntryOffset(bytes, sectionId) + 24, Layout.HashSize));
    }

    private static void RehashHeader(byte[] bytes)
    {
        int headerSize = HeaderSize(bytes);
        SHA256.HashData(bytes.AsSpan(0, headerSize - Layout.HashSize), bytes.AsSpan(headerSize - Layout.HashSize, Layout.HashSize));
    }

    // Rebuilds a file with one more section table entry (so the header grows and every section moves) and the
    // extra section appended at the end, as a newer minor version of the format might write it.
    private static byte[] WithExtraSection(byte[] bytes, int id, byte[] payload)
    {
        int oldHeader = HeaderSize(bytes);
        int count = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(Layout.SectionCountOffset));
        int table = oldHeader - Layout.HashSize - (count * Layout.SectionEntrySize);
        int newHeader = oldHeader + Layout.SectionEntrySize;
        long shift = Layout.Align((long)newHeader, 64) - Layout.Align((long)oldHeader, 64);
        long oldEnd = bytes.Length;
        long extraOffset = Layout.Align(oldEnd + shift, 64);
        var result = new byte[extraOffset + payload.Length];
        bytes.AsSpan(0, table + (count * Layout.SectionEntrySize)).CopyTo(result);
        bytes.AsSpan((int)Layout.Align((long)oldHeader, 64)).CopyTo(result.AsSpan((int)(Layout.Align((long)oldHeader, 64) + shift)));
        payload.CopyTo(result.AsSpan((int)extraOffset));
        for (int i = 0; i < count; i++)
        {
            var e = result.AsSpan(table + (i * Layout.SectionEntrySize));
            BinaryPrimitives.WriteInt64LittleEndian(e[8..], BinaryPrimitives.ReadInt64LittleEndian(e[8..]) + shift);
        }

        var extra = result.AsSpan(table + (count * Layout.SectionEntrySize), Layout.SectionEntrySize);
        BinaryPrimitives.WriteUInt32LittleEndian(extra, (uint)id);
        BinaryPrimitives.WriteUInt32LittleEndian(extra[4..], 1);
        BinaryPrimitives.WriteInt64LittleEndian(extra[8..], extraOffset);
        BinaryPrimitives.WriteInt64LittleEndian(extra[16..], payload.Length);
        SHA256.HashData(payload, extra[24..]);
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(Layout.HeaderSizeOffset), (uint)newHeader);
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(Layout.SectionCountOffset), (uint)(count + 1));
        BinaryPrimitives.WriteUInt16LittleEndian(result.AsSpan(Layout.MinorOffset), Layout.FormatMinor + 1);
        BinaryPrimitives.WriteInt64LittleEndian(result.AsSpan(Layout.FileSizeOffset), result.Length);
        RehashHeader(result);
        return result;
    }

    /// <summary>Passes writes through until a byte budget is spent, then fails like a full disk.</summary>
    private sealed class FailingStream(Stream inner, long failAfterBytes) : Stream
    {
        public const string Message = "No space left on device (simulated)";
        private long _written;

        public override bool CanRead => false;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => true;
        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => inner.Position = value;
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            long room = failAfterBytes - _written;
            if (buffer.Length > room)
            {
                inner.Write(buffer[..(int)Math.Max(0, room)]);
                _written = failAfterBytes;
                throw new IOException(Message);
            }

            inner.Write(buffer);
            _written += buffer.Length;
        }

        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void SetLength(long value) => inner.SetLength(value);
    }
}
