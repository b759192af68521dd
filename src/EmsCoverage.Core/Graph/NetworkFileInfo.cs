namespace EmsCoverage.Graph;

/// <summary>
/// What the header of a prepared network file says: format version, sizes, provenance and section table.
/// Returned by <see cref="NetworkFile.ReadHeader"/> without loading the arrays.
/// </summary>
/// <param name="FormatMajor">Format major version the file was written with.</param>
/// <param name="FormatMinor">Format minor version the file was written with.</param>
/// <param name="FileSizeBytes">Size of the whole file in bytes.</param>
/// <param name="NodeCount">Number of nodes.</param>
/// <param name="ArcCount">Number of directed arcs.</param>
/// <param name="ShapePointCount">Number of intermediate shape points over all arcs.</param>
/// <param name="ComponentCount">Number of strongly connected components.</param>
/// <param name="LargestComponentNodeCount">Number of nodes in the largest strongly connected component.</param>
/// <param name="Provenance">Hashes of the source extract and profile, and the source file name.</param>
/// <param name="Sections">The sections in file order, including any this version does not know.</param>
public sealed record NetworkFileInfo(
    int FormatMajor,
    int FormatMinor,
    long FileSizeBytes,
    int NodeCount,
    int ArcCount,
    int ShapePointCount,
    int ComponentCount,
    int LargestComponentNodeCount,
    NetworkProvenance Provenance,
    IReadOnlyList<NetworkFileSection> Sections);

/// <summary>One entry of a network file's section table.</summary>
/// <param name="Id">Section id (stable across versions; ids this version does not know are skipped on read).</param>
/// <param name="Name">Section name such as <c>arc-head</c>, or <c>unknown-&lt;id&gt;</c>.</param>
/// <param name="OffsetBytes">Position of the first byte from the start of the file.</param>
/// <param name="LengthBytes">Length in bytes.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the section's bytes as recorded in the file.</param>
public sealed record NetworkFileSection(int Id, string Name, long OffsetBytes, long LengthBytes, string Sha256);
