using System.Globalization;

namespace EmsCoverage.Graph;

/// <summary>
/// Plain-text exports of a <see cref="RoadNetwork"/>, so that external tools (QGIS, pgRouting, a spreadsheet) can
/// inspect the graph and check our travel times independently.
/// </summary>
internal static class GraphExport
{
    /// <summary>The header row written by <see cref="WriteEdgeListCsv"/>.</summary>
    public const string EdgeListCsvHeader =
        "arc,from_node,to_node,time_ms,length_m,osm_way_id,from_lon,from_lat,to_lon,to_lat,component";

    /// <summary>
    /// Writes one CSV row per directed arc, in arc id order, after the header <see cref="EdgeListCsvHeader"/>.
    /// </summary>
    /// <remarks>
    /// Columns: arc id; tail and head node ids; travel time in whole milliseconds; length in metres with one decimal;
    /// OSM way id (0 for synthetic arcs); tail and head coordinates in WGS84 degrees with seven decimals (the stored
    /// precision, so no digits are lost); the strongly connected component of the arc — the component id of both
    /// end nodes, 0 being the largest — or -1 when the arc joins two different components. A two-way road appears as
    /// two rows. Numbers are culture-invariant (dot decimals), lines end with <c>\n</c>, no field needs quoting.
    /// </remarks>
    /// <param name="network">The network to export.</param>
    /// <param name="writer">Destination; it is not closed.</param>
    public static void WriteEdgeListCsv(RoadNetwork network, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(writer);

        writer.Write(EdgeListCsvHeader);
        writer.Write('\n');
        Span<char> line = stackalloc char[256];
        var culture = CultureInfo.InvariantCulture;
        for (int arc = 0; arc < network.ArcCount; arc++)
        {
            int tail = network._arcTail[arc];
            int head = network._arcHead[arc];
            int tailComponent = network._nodeComponent[tail];
            int component = tailComponent == network._nodeComponent[head] ? tailComponent : -1;

            // Longest possible row: ints of 11 characters, a 20-digit way id, a float length of 41 characters,
            // coordinates of 13: under 200 characters, so the 256-character buffer always fits.
            bool ok = line.TryWrite(culture,
                $"{arc},{tail},{head},{network._arcTravelTimeMs[arc]},{(double)network._arcLengthM[arc]:F1},{network._arcWayId[arc]},",
                out int written);
            written += WriteE7(line[written..], network._nodeLonE7[tail], ',');
            written += WriteE7(line[written..], network._nodeLatE7[tail], ',');
            written += WriteE7(line[written..], network._nodeLonE7[head], ',');
            written += WriteE7(line[written..], network._nodeLatE7[head], ',');
            ok &= line[written..].TryWrite(culture, $"{component}\n", out int more);
            written += more;
            System.Diagnostics.Debug.Assert(ok, "An edge list row never exceeds the line buffer.");
            writer.Write(line[..written]);
        }
    }

    // Degrees × 10⁷ as a decimal with exactly seven fraction digits, from the stored integer (exact and several
    // times faster than formatting a double), followed by the separator. Returns the number of characters written.
    private static int WriteE7(Span<char> destination, int valueE7, char separator)
    {
        int n = 0;
        long magnitude = valueE7;
        if (magnitude < 0)
        {
            destination[n++] = '-';
            magnitude = -magnitude;
        }

        long whole = Math.DivRem(magnitude, 10_000_000, out long fraction);
        whole.TryFormat(destination[n..], out int w, default, CultureInfo.InvariantCulture);
        n += w;
        destination[n++] = '.';
        fraction.TryFormat(destination[n..], out int f, "D7", CultureInfo.InvariantCulture);
        n += f;
        destination[n++] = separator;
        return n;
    }
}
