namespace EmsCoverage.Graph;

/// <summary>Byte layout of a prepared network file (format 1.x); see <see cref="NetworkFile"/>.</summary>
/// <remarks>
/// All integers are little-endian. Layout:
/// <code>
/// offset  size   field
///      0     8   magic "EMSCNET\0"
///      8     2   format major (uint16); a reader refuses any major it does not know
///     10     2   format minor (uint16); a newer minor only adds sections, which older readers skip
///     12     4   header size H in bytes (uint32): fixed part + provenance + section table + header hash
///     16     8   file size in bytes (int64)
///     24     8   node count N (int64)
///     32     8   arc count M (int64)
///     40     8   shape point count S (int64)
///     48     4   strongly connected component count (int32)
///     52     4   node count of the largest component (int32)
///     56     4   section count (uint32)
///     60     4   reserved, zero
///     64         provenance: source SHA-256, profile SHA-256, source name; each a uint16 byte count
///                followed by that many UTF-8 bytes; then zero padding to a multiple of 8
///      T  56×k   section table, one entry per section:
///                  uint32 section id, uint32 element size in bytes, int64 offset, int64 length in bytes,
///                  32 bytes SHA-256 of the section's bytes
///   H-32    32   SHA-256 of bytes [0, H-32): covers counts, provenance and the section table
///      H         sections, each starting at a multiple of 64 (zero padding between), raw little-endian arrays
/// </code>
/// Format 1.1 adds section 20, arc-road-class (one byte per arc, a <see cref="RoadClass"/> value); a reader
/// treats it as optional, so format 1.0 files still load (with every class unknown).
/// </remarks>
internal static class NetworkFileLayout
{
    public static ReadOnlySpan<byte> Magic => "EMSCNET\0"u8;

    public const ushort FormatMajor = 1;
    // 1.1 added two optional sections: arc-road-class (a 1.0 file has no road classes) and the routing index.
    public const ushort FormatMinor = 1;

    public const int FixedHeaderSize = 64;
    public const int MagicOffset = 0;
    public const int MajorOffset = 8;
    public const int MinorOffset = 10;
    public const int HeaderSizeOffset = 12;
    public const int FileSizeOffset = 16;
    public const int NodeCountOffset = 24;
    public const int ArcCountOffset = 32;
    public const int ShapeCountOffset = 40;
    public const int ComponentCountOffset = 48;
    public const int LargestComponentOffset = 52;
    public const int SectionCountOffset = 56;
    public const int ProvenanceOffset = FixedHeaderSize;

    public const int SectionEntrySize = 56;
    public const int HashSize = 32;
    public const int SectionAlignment = 64;

    /// <summary>Largest header accepted; guards the one allocation made before the header hash is checked.</summary>
    public const int MaxHeaderSize = 1 << 20;

    /// <summary>Largest provenance string in UTF-8 bytes.</summary>
    public const int MaxProvenanceStringBytes = 4096;

    /// <summary>Largest number of sections accepted in the table.</summary>
    public const int MaxSectionCount = 1024;

    // Section ids of format 1.0. Ids are never reused; a new array gets a new id (and a minor version bump).
    public const int NodeLatId = 1;
    public const int NodeLonId = 2;
    public const int NodeComponentId = 3;
    public const int FirstArcId = 4;
    public const int ArcHeadId = 5;
    public const int ArcTailId = 6;
    public const int ArcTimeId = 7;
    public const int ArcLengthId = 8;
    public const int ArcTwinId = 9;
    public const int ArcWayIdId = 10;
    public const int ArcShapeStartId = 11;
    public const int ShapeLatId = 12;
    public const int ShapeLonId = 13;

    // Format 1.1: road class per arc (one byte, a RoadClass value), for time bands. Id 20 leaves room for sections
    // added in other lines of work; it is optional when reading (format 1.0 files lack it).
    public const int ArcRoadClassId = 20;

    // Optional sections (format 1.1+), not in Sections: a reader that does not use one only verifies its checksum.
    // Id 32 (not 14) leaves the next small ids to new graph arrays.

    /// <summary>Routing index (contraction hierarchy), a byte blob described in docs/routing.md; written by
    /// <c>emscov prepare</c> since format 1.1.</summary>
    public const int ContractionHierarchyId = 32;

    /// <summary>The sections of format 1.0, in file order.</summary>
    public static readonly SectionKind[] Sections =
    [
        new(NodeLatId, "node-lat", 4, SectionCount.Nodes),
        new(NodeLonId, "node-lon", 4, SectionCount.Nodes),
        new(NodeComponentId, "node-component", 4, SectionCount.Nodes),
        new(FirstArcId, "first-arc", 4, SectionCount.NodesPlusOne),
        new(ArcHeadId, "arc-head", 4, SectionCount.Arcs),
        new(ArcTailId, "arc-tail", 4, SectionCount.Arcs),
        new(ArcTimeId, "arc-time", 4, SectionCount.Arcs),
        new(ArcLengthId, "arc-length", 4, SectionCount.Arcs),
        new(ArcTwinId, "arc-twin", 4, SectionCount.Arcs),
        new(ArcWayIdId, "arc-way-id", 8, SectionCount.Arcs),
        new(ArcShapeStartId, "arc-shape-start", 4, SectionCount.ArcsPlusOne),
        new(ShapeLatId, "shape-lat", 4, SectionCount.ShapePoints),
        new(ShapeLonId, "shape-lon", 4, SectionCount.ShapePoints),
        new(ArcRoadClassId, "arc-road-class", 1, SectionCount.Arcs) { Required = false },
    ];

    /// <summary>Offset of the section table for a header whose provenance strings take <paramref name="provenanceBytes"/>.</summary>
    public static int SectionTableOffset(int provenanceBytes) => Align(ProvenanceOffset + provenanceBytes, 8);

    public static int Align(int value, int alignment) => (value + alignment - 1) / alignment * alignment;

    public static long Align(long value, int alignment) => (value + alignment - 1) / alignment * alignment;

    public static SectionKind? FindKnown(int id)
    {
        foreach (var kind in Sections)
        {
            if (kind.Id == id)
            {
                return kind;
            }
        }

        return null;
    }

    /// <summary>What the element count of a section is derived from.</summary>
    internal enum SectionCount
    {
        Nodes,
        NodesPlusOne,
        Arcs,
        ArcsPlusOne,
        ShapePoints,
    }

    /// <summary>A section id known to this version, its name (for messages), element size and count rule.</summary>
    internal sealed record SectionKind(int Id, string Name, int ElementSize, SectionCount Count)
    {
        /// <summary>False for sections added after format 1.0, which older files lack.</summary>
        public bool Required { get; init; } = true;

        public long ElementCount(long nodes, long arcs, long shapePoints) => Count switch
        {
            SectionCount.Nodes => nodes,
            SectionCount.NodesPlusOne => nodes + 1,
            SectionCount.Arcs => arcs,
            SectionCount.ArcsPlusOne => arcs + 1,
            _ => shapePoints,
        };
    }
}
