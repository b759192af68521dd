using EmsCoverage.Diagnostics;
using EmsCoverage.Routing;
using Layout = EmsCoverage.Graph.NetworkFileLayout;

namespace EmsCoverage.Graph;

/// <summary>The routing index section of the prepared network file (format 1.1).</summary>
public static partial class NetworkFile
{
    /// <summary>
    /// Writes <paramref name="network"/> with its routing index (the contraction hierarchy) in an extra checksummed
    /// section, atomically as <see cref="Write(RoadNetwork, string)"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="hierarchy"/> was built for another network.</exception>
    public static void Write(RoadNetwork network, ContractionHierarchy hierarchy, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(hierarchy);
        if (!hierarchy.BelongsTo(network))
        {
            throw new ArgumentException("The contraction hierarchy was built for another network.", nameof(hierarchy));
        }

        Write(network, path, wrapStream: null, [new ExtraSection(Layout.ContractionHierarchyId, HierarchyFormat.ToBytes(hierarchy))]);
    }

    /// <summary>True when the file described by <paramref name="info"/> carries a routing index.</summary>
    public static bool HasHierarchy(NetworkFileInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return info.Sections.Any(s => s.Id == Layout.ContractionHierarchyId);
    }

    /// <summary>
    /// Reads the routing index stored in <paramref name="path"/> for <paramref name="network"/> (the network read from
    /// the same file), verifying its checksum, its structure and that it belongs to that network.
    /// </summary>
    /// <exception cref="InputDataException">The file has no index, or the index is truncated, altered, or belongs to
    /// another network; the message names the file and asks to prepare it again.</exception>
    public static ContractionHierarchy ReadHierarchy(string path, RoadNetwork network)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(network);
        using var stream = OpenForRead(path);
        var header = ReadHeaderCore(stream, path);
        if (!header.Entries.Exists(e => e.Id == Layout.ContractionHierarchyId))
        {
            throw Fail(path, $"has no routing index (contraction hierarchy; files of format 1.0 have none); {PrepareAgain} to add it");
        }

        byte[] bytes = ReadSection<byte>(stream, path, header, Layout.ContractionHierarchyId);
        return HierarchyFormat.FromBytes(bytes, network, path);
    }

    /// <summary>A section beyond the network's own arrays, written as raw bytes.</summary>
    internal sealed record ExtraSection(int Id, byte[] Bytes);
}
