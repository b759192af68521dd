using System.Globalization;
using EmsCoverage.Graph;

namespace EmsCoverage.Core.Tests;

public class GraphExportTests
{
    //   A ⇄ B ⇄ C ⇄ D → E     (C → A one-way; E is a dead end, so D → E joins two components)
    private static RoadNetwork HandBuiltNetwork()
    {
        var b = new RoadNetworkBuilder();
        int a = b.AddNode(47.10, 9.50);
        int bb = b.AddNode(47.11, 9.51);
        int c = b.AddNode(47.12, 9.50);
        int d = b.AddNode(-33.8688197, 151.2092955);
        int e = b.AddNode(-33.87, -0.0000001);
        b.AddRoad(a, bb, 60_000, 61_000, 1234.56, 1001);
        b.AddRoad(bb, c, 30_000, 30_000, 800.25, 1002);
        b.AddRoad(c, a, 45_000, -1, 999.94, 1003);
        b.AddRoad(c, d, 10_000, 12_000, 0, 9_000_000_000L);
        b.AddArc(d, e, 5_000, 12.0);
        return b.Build();
    }

    private static string[] Export(RoadNetwork network)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        GraphExport.WriteEdgeListCsv(network, writer);
        string text = writer.ToString();
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        return text[..^1].Split('\n');
    }

    [Fact]
    public void WriteEdgeListCsv_HeaderThenOneRowPerArc()
    {
        var network = HandBuiltNetwork();

        string[] lines = Export(network);

        Assert.Equal("arc,from_node,to_node,time_ms,length_m,osm_way_id,from_lon,from_lat,to_lon,to_lat,component", lines[0]);
        Assert.Equal(network.ArcCount + 1, lines.Length);
    }

    [Fact]
    public void WriteEdgeListCsv_ParsedBack_MatchesTheNetwork()
    {
        var network = HandBuiltNetwork();

        string[] lines = Export(network);

        for (int arc = 0; arc < network.ArcCount; arc++)
        {
            string[] f = lines[arc + 1].Split(',');
            Assert.Equal(11, f.Length);
            int tail = network.ArcTail(arc);
            int head = network.ArcHead(arc);
            Assert.Equal(arc, int.Parse(f[0], CultureInfo.InvariantCulture));
            Assert.Equal(tail, int.Parse(f[1], CultureInfo.InvariantCulture));
            Assert.Equal(head, int.Parse(f[2], CultureInfo.InvariantCulture));
            Assert.Equal(network.ArcTravelTimeMs(arc), int.Parse(f[3], CultureInfo.InvariantCulture));
            Assert.Equal(Math.Round(network.ArcLengthM(arc), 1), double.Parse(f[4], CultureInfo.InvariantCulture), 9);
            Assert.Matches(@"^\d+\.\d$", f[4]);
            Assert.Equal(network.ArcWayId(arc), long.Parse(f[5], CultureInfo.InvariantCulture));
            Assert.All(f[6..10], x => Assert.Matches(@"^-?\d+\.\d{7}$", x));
            Assert.Equal(network._nodeLonE7[tail], E7(f[6]));
            Assert.Equal(network._nodeLatE7[tail], E7(f[7]));
            Assert.Equal(network._nodeLonE7[head], E7(f[8]));
            Assert.Equal(network._nodeLatE7[head], E7(f[9]));
            int expectedComponent = network.NodeComponent(tail) == network.NodeComponent(head) ? network.NodeComponent(tail) : -1;
            Assert.Equal(expectedComponent, int.Parse(f[10], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void WriteEdgeListCsv_PencilCheckedRows()
    {
        var network = HandBuiltNetwork();

        string[] lines = Export(network);

        // The one-way road C → A: 45 s, 999.94 m rounds to 999.9; both ends in the largest component (0).
        Assert.Single(lines, l => l.Contains(",45000,999.9,1003,9.5000000,47.1200000,9.5000000,47.1000000,0", StringComparison.Ordinal));
        // D → E joins the largest component to the dead end E: component -1; tiny negative longitude keeps its sign.
        Assert.Single(lines, l => l.EndsWith(",5000,12.0,0,151.2092955,-33.8688197,-0.0000001,-33.8700000,-1", StringComparison.Ordinal));
        // Way ids above 2^32 are written in full.
        Assert.Equal(2, lines.Count(l => l.Contains(",0.0,9000000000,", StringComparison.Ordinal)));
    }

    [Fact]
    public void WriteEdgeListCsv_EmptyNetwork_WritesOnlyTheHeader()
    {
        string[] lines = Export(new RoadNetworkBuilder().Build());

        Assert.Equal([GraphExport.EdgeListCsvHeader], lines);
    }

    private static int E7(string degrees) =>
        (int)Math.Round(double.Parse(degrees, CultureInfo.InvariantCulture) * RoadNetwork.CoordinateScale);
}
