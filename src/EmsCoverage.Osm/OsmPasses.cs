using OsmSharp;
using OsmSharp.Streams;

namespace EmsCoverage.Osm;

/// <summary>
/// The later passes over an extract shared by the readers that collect areas from it (<see cref="OsmStationReader"/>
/// and the population scan): after a first pass has found which ways and nodes it needs, one pass reads the member
/// ways' node lists and one the nodes' coordinates.
/// </summary>
internal static class OsmPasses
{
    /// <summary>
    /// Reads the node lists of the ways in <paramref name="neededWays"/> into <paramref name="wayNodes"/>, stopping
    /// once all are found.
    /// </summary>
    /// <param name="source">The extract, at its start.</param>
    /// <param name="neededWays">Ids of the ways to read.</param>
    /// <param name="wayNodes">Receives each needed way's node ids (empty for a way without nodes).</param>
    /// <param name="cancellationToken">Checked every few thousand ways.</param>
    public static void ReadWayNodes(OsmStreamSource source, HashSet<long> neededWays, Dictionary<long, long[]> wayNodes,
        CancellationToken cancellationToken)
    {
        int seen = 0;
        while (wayNodes.Count < neededWays.Count && source.MoveNext(ignoreNodes: true, ignoreWays: false, ignoreRelations: true))
        {
            if ((++seen & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (source.Current() is Way { Id: long id } way && neededWays.Contains(id))
            {
                wayNodes[id] = way.Nodes ?? [];
            }
        }
    }

    /// <summary>
    /// Reads every node with an id and a location: the coordinates of those in <paramref name="neededNodes"/> go into
    /// <paramref name="coordinates"/>, and each is then handed to <paramref name="onNode"/> (node, id, lat, lon).
    /// </summary>
    /// <param name="source">The extract, at its start.</param>
    /// <param name="neededNodes">Ids of the nodes whose coordinates are needed.</param>
    /// <param name="coordinates">Receives the needed nodes' latitude and longitude.</param>
    /// <param name="onNode">Looks at each located node, e.g. for tags.</param>
    /// <param name="cancellationToken">Checked every few ten thousand nodes.</param>
    public static void ReadNodes(OsmStreamSource source, HashSet<long> neededNodes, Dictionary<long, (double Lat, double Lon)> coordinates,
        Action<Node, long, double, double> onNode, CancellationToken cancellationToken)
    {
        int seen = 0;
        while (source.MoveNext(ignoreNodes: false, ignoreWays: true, ignoreRelations: true))
        {
            if ((++seen & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (source.Current() is not Node { Id: long id } node || node.Latitude is not double lat || node.Longitude is not double lon)
            {
                continue;
            }

            if (neededNodes.Contains(id))
            {
                coordinates[id] = (lat, lon);
            }

            onNode(node, id, lat, lon);
        }
    }
}
