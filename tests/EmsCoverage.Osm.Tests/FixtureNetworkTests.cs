using EmsCoverage.Graph;

namespace EmsCoverage.Osm.Tests;

/// <summary>
/// Hand-made .osm fixtures (data/fixtures/osm): node and arc counts and times checked with a pencil. Every
/// fixture lies on the equator, where 0.001° is 111.195 m along both axes; at 30 km/h that is 13343 ms.
/// </summary>
public class FixtureNetworkTests
{
    private const int PieceAt30Kmh = 13343; // 111.19508 m × 3600 / 30 = 13343.41 ms

    [Fact]
    public void TJunction_OneWayStem()
    {
        OsmNetworkResult result = OsmNetworkReader.ReadFile(TestData.Fixture("t-junction-oneway.osm"));
        RoadNetwork net = result.Network;

        Assert.Equal(4, net.NodeCount);
        Assert.Equal(5, net.ArcCount);
        int n1 = NodeAt(net, 0, 0), n2 = NodeAt(net, 0, 0.001), n3 = NodeAt(net, 0, 0.003), n4 = NodeAt(net, 0.001, 0.001);
        Assert.Equal(PieceAt30Kmh, Time(net, n1, n2));
        Assert.Equal(PieceAt30Kmh, Time(net, n2, n1));
        Assert.Equal(26687, Time(net, n2, n3));             // via shape point 5: 222.390 m
        Assert.Equal(26687, Time(net, n3, n2));
        Assert.Equal(PieceAt30Kmh, Time(net, n2, n4));      // one-way stem
        Assert.Equal(-1, Arc(net, n4, n2));
        int arc23 = Arc(net, n2, n3);
        Assert.Equal(3, net.ArcShapePointCount(arc23));      // 2, shape point 5, 3
        Assert.Equal(0.0015, net.ArcShapePoint(arc23, 1).Lon, precision: 7);
        Assert.Equal(10, net.ArcWayId(arc23));
        Assert.Equal(NoNode, NodeAtOrNone(net, 0, 0.004)); // footway end is not in the graph
        Assert.Equal(OsmFileFormat.Xml, result.Format);
        Assert.Equal(new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero), result.DataTimestamp);
        Assert.Equal(new OsmNetworkCounts(WaysRead: 3, RoadWays: 3, DrivableWays: 2, FerryWays: 0, ReferencedNodes: 5,
            DanglingNodeRefs: 0, DegenerateWays: 0, SelfLoopsSkipped: 0), result.Counts);
        Assert.Empty(result.Diagnostics.Items);
    }

    [Fact]
    public void DanglingReference_SplitsTheWay()
    {
        OsmNetworkResult result = OsmNetworkReader.ReadFile(TestData.Fixture("dangling-ref.osm"));
        RoadNetwork net = result.Network;

        Assert.Equal(4, net.NodeCount);
        Assert.Equal(4, net.ArcCount);
        int n1 = NodeAt(net, 0, 0), n2 = NodeAt(net, 0, 0.001), n3 = NodeAt(net, 0, 0.002), n4 = NodeAt(net, 0, 0.003);
        Assert.Equal(PieceAt30Kmh, Time(net, n1, n2));
        Assert.Equal(PieceAt30Kmh, Time(net, n3, n4));
        Assert.Equal(-1, Arc(net, n2, n3));                  // not connected across the hole
        Assert.Equal(2, net.ComponentCount);
        Assert.Equal(1, result.Counts.DanglingNodeRefs);
        Assert.Equal(1, result.Diagnostics.Count(OsmDiagnosticCodes.DanglingNodeRefs));
        Assert.Contains("1 node references", result.Diagnostics.Items[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Roundabout_IsOneWayInNodeOrder()
    {
        RoadNetwork net = OsmNetworkReader.ReadFile(TestData.Fixture("roundabout.osm")).Network;

        Assert.Equal(4, net.NodeCount);
        Assert.Equal(6, net.ArcCount);
        int n1 = NodeAt(net, 0, -0.001), n3 = NodeAt(net, 0, 0.001), n5 = NodeAt(net, 0, -0.002), n6 = NodeAt(net, 0, 0.002);
        int east = Arc(net, n1, n3), west = Arc(net, n3, n1);
        Assert.Equal(37741, net.ArcTravelTimeMs(east));     // 2 × 157.2536 m at 30 km/h
        Assert.Equal(37741, net.ArcTravelTimeMs(west));
        Assert.Equal(RoadNetwork.NoArc, net.ArcTwin(east));  // one-way pieces have no twin
        Assert.Equal(RoadNetwork.NoArc, net.ArcTwin(west));
        Assert.Equal(-0.001, net.ArcShapePoint(east, 1).Lat, precision: 7); // goes south first (node 2)
        Assert.Equal(0.001, net.ArcShapePoint(west, 1).Lat, precision: 7);  // comes back north (node 4)
        Assert.Equal(PieceAt30Kmh, Time(net, n5, n1));
        Assert.Equal(PieceAt30Kmh, Time(net, n6, n3));
        Assert.Equal(1, net.ComponentCount);
    }

    [Fact]
    public void EmergencyAccess_ServiceRoadsAndAccessTags()
    {
        RoadNetwork net = OsmNetworkReader.ReadFile(TestData.Fixture("emergency-access.osm")).Network;

        Assert.Equal(4, net.NodeCount);
        Assert.Equal(6, net.ArcCount);
        int n1 = NodeAt(net, 0, 0), n2 = NodeAt(net, 0, 0.001), n3 = NodeAt(net, 0, 0.002), n5 = NodeAt(net, 0, -0.001);
        Assert.Equal(PieceAt30Kmh, Time(net, n1, n2));   // residential
        Assert.Equal(26687, Time(net, n2, n3));          // service=emergency_access at 15 km/h
        Assert.Equal(26687, Time(net, n1, n5));          // access=no + emergency=yes
        Assert.Equal(NoNode, NodeAtOrNone(net, 0, 0.003));  // access=no service road and emergency=no are out
        Assert.Equal(NoNode, NodeAtOrNone(net, 0, -0.002)); // motor_vehicle=no
    }

    [Fact]
    public void MaxSpeed_TagsDriveTheTimes()
    {
        OsmNetworkResult result = OsmNetworkReader.ReadFile(TestData.Fixture("maxspeed.osm"));
        RoadNetwork net = result.Network;

        Assert.Equal(5, net.NodeCount);
        Assert.Equal(8, net.ArcCount);
        int[] n = [.. Enumerable.Range(0, 5).Select(i => NodeAt(net, 0, i * 0.001))];
        Assert.Equal(PieceAt30Kmh, Time(net, n[0], n[1])); // maxspeed=signals: residential default
        Assert.Equal(8291, Time(net, n[1], n[2]));         // 30 mph = 48.28032 km/h: 8291.21 ms
        Assert.Equal(4003, Time(net, n[2], n[3]));         // DE:rural = 100 km/h: 4003.02 ms
        Assert.Equal(8006, Time(net, n[3], n[4]));         // maxspeed:forward=50: 8006.05 ms
        Assert.Equal(20015, Time(net, n[4], n[3]));        // maxspeed:backward=20: 20015.11 ms
        Diagnostics.Diagnostic unparsed = Assert.Single(result.Diagnostics.Items);
        Assert.Equal(OsmDiagnosticCodes.MaxSpeedUnparsed, unparsed.Code);
        Assert.Equal("way/50", unparsed.Subject);
    }

    [Fact]
    public void Ferry_CarFerryOnlyWithDurationAndBoarding()
    {
        OsmNetworkResult result = OsmNetworkReader.ReadFile(TestData.Fixture("ferry.osm"));
        RoadNetwork net = result.Network;

        Assert.Equal(4, net.NodeCount);
        Assert.Equal(6, net.ArcCount);
        int n2 = NodeAt(net, 0, 0.001), n3 = NodeAt(net, 0, 0.05);
        Assert.Equal(30 * 60_000, Time(net, n2, n3));      // 20 min crossing + 10 min boarding
        Assert.Equal(30 * 60_000, Time(net, n3, n2));
        Assert.Equal(NoNode, NodeAtOrNone(net, 0.02, 0.03)); // foot ferry
        Assert.Equal(1, result.Counts.FerryWays);
    }

    [Fact]
    public void Provenance_NamesFileAndProfile()
    {
        string path = TestData.Fixture("t-junction-oneway.osm");

        NetworkProvenance p = OsmNetworkReader.ReadFile(path).Network.Provenance;

        Assert.Equal("t-junction-oneway.osm", p.SourceName);
        Assert.Equal(AmbulanceProfile.Default.Sha256, p.ProfileSha256);
        Assert.Equal(64, p.SourceSha256.Length);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))), p.SourceSha256);
    }

    private const int NoNode = -1;

    private static int NodeAt(RoadNetwork net, double lat, double lon)
    {
        int node = NodeAtOrNone(net, lat, lon);
        Assert.True(node != NoNode, $"no network node at ({lat}, {lon})");
        return node;
    }

    private static int NodeAtOrNone(RoadNetwork net, double lat, double lon)
    {
        for (int v = 0; v < net.NodeCount; v++)
        {
            if (Math.Abs(net.NodeLat(v) - lat) < 1e-7 && Math.Abs(net.NodeLon(v) - lon) < 1e-7)
            {
                return v;
            }
        }

        return NoNode;
    }

    private static int Arc(RoadNetwork net, int from, int to)
    {
        for (int a = net.FirstArc(from); a < net.FirstArc(from + 1); a++)
        {
            if (net.ArcHead(a) == to)
            {
                return a;
            }
        }

        return -1;
    }

    private static int Time(RoadNetwork net, int from, int to)
    {
        int arc = Arc(net, from, to);
        Assert.True(arc >= 0, $"no arc from node {from} to node {to}");
        return net.ArcTravelTimeMs(arc);
    }
}
