using EmsCoverage.Coverage;
using EmsCoverage.Geo.Isochrones;
using EmsCoverage.Graph;
using EmsCoverage.Population;
using EmsCoverage.Search;
using EmsCoverage.Snapping;
using NetTopologySuite.Geometries;

namespace EmsCoverage.Geo.Tests.Isochrones;

/// <summary>Isochrone geometry on networks small enough to check with a pencil (issue 4).</summary>
public class IsochroneGeometryTests
{
    private static readonly GeometryFactory Factory = GeometryFactories.Wgs84;

    /// <summary>
    /// A 2 km square ring road around a lake with no roads, the off-road reach (300 m) much smaller than the lake:
    /// the area reached is a ring with a hole, not a filled square.
    /// </summary>
    [Fact]
    public void RingRoadAroundALake_HasAHoleOverTheLake()
    {
        var net = new PlaneNetwork();
        for (int k = 0; k < 8; k++)
        {
            // Corners and every 250 m along the 2 km sides, counter-clockwise from (0, 0).
            double along = k * 250;
            net.Node($"s{k}", along, 0).Node($"e{k}", 2000, along).Node($"n{k}", 2000 - along, 2000).Node($"w{k}", 0, 2000 - along);
        }

        string[] ring = [.. Enumerable.Range(0, 8).Select(k => $"s{k}"), .. Enumerable.Range(0, 8).Select(k => $"e{k}"),
            .. Enumerable.Range(0, 8).Select(k => $"n{k}"), .. Enumerable.Range(0, 8).Select(k => $"w{k}")];
        for (int k = 0; k < ring.Length; k++)
        {
            net.Road(ring[k], ring[(k + 1) % ring.Length], speedKmh: 36);
        }

        var bases = net.Bases((net.Arc("s0", "s1"), 0));
        var options = new IsochroneOptions([TimeSpan.FromMinutes(8)]) { Access = new AccessLeg(MaxSnapDistanceM: 300) };

        var area = Assert.Single(IsochroneBuilder.Build(net.Network, bases, options)).Area;

        Assert.True(area.IsValid);
        var polygon = (Polygon)Assert.Single(area.Geometries);
        Assert.True(polygon.NumInteriorRings >= 1, "the lake must be a hole");
        Assert.False(area.Covers(Factory.CreatePoint(PlaneNetwork.At(1000, 1000))), "the middle of the lake is not reached");
        Assert.True(area.Covers(Factory.CreatePoint(PlaneNetwork.At(1000, 100))), "100 m inside the southern road is reached");
        Assert.True(area.Covers(Factory.CreatePoint(PlaneNetwork.At(-100, 1000))), "100 m outside the western road is reached");
        // The hole is at most the square within 300 m of every road (the snap distance) and at least the square
        // within the walk still possible at the far corner (8 min - 6 min 40 s driving = 80 s = 133 m, plus a cell).
        double holeKm2 = Math.Abs(NetTopologySuite.Algorithm.Area.OfRingSigned(polygon.GetInteriorRingN(0).Coordinates))
            * (111_195.0 * 111_195.0 * Math.Cos(double.DegreesToRadians(47.0))) / 1e6;
        Assert.InRange(holeKm2, 1.4 * 1.4 * 0.95, 2.0 * 2.0);
    }

    /// <summary>A road reached to exactly half its length at the break is drawn to half its length (± the tolerance),
    /// from a base at its end and from a base placed three quarters along it.</summary>
    [Theory]
    [InlineData(0.0, 100, 0, 1000)]      // base at the west end, 100 s at 10 m/s: reached from 0 to 1,000 m
    [InlineData(0.75, 50, 1000, 2000)]   // base at 1,500 m, 50 s: 1,000 m to the east end (a dead end) at 2,000 m
    public void RoadReachedHalfWay_IsDrawnHalfWay(double baseFraction, double breakS, double fromM, double toM)
    {
        var net = new PlaneNetwork().Node("A", 0, 0).Node("B", 2000, 0).Road("A", "B", speedKmh: 36);
        var bases = net.Bases((net.Arc("A", "B"), baseFraction));
        var options = new IsochroneOptions([TimeSpan.FromSeconds(breakS)]) { ToleranceM = 50 };

        var area = Assert.Single(IsochroneBuilder.Build(net.Network, bases, options)).Area;

        var road = Factory.CreateLineString([PlaneNetwork.At(0, 0), PlaneNetwork.At(2000, 0)]);
        var drawn = area.Intersection(road);
        double west = PlaneNetwork.X(drawn.EnvelopeInternal.MinX), east = PlaneNetwork.X(drawn.EnvelopeInternal.MaxX);
        Assert.InRange(west, fromM - 50, fromM + 50);
        Assert.InRange(east, toM - 50, toM + 50);
        Assert.InRange(PlaneNetwork.X(drawn.EnvelopeInternal.MaxX) - PlaneNetwork.X(drawn.EnvelopeInternal.MinX), 950, 1050);
    }

    [Fact]
    public void Breaks_NestExactly_AndEveryAreaIsValid_InEveryMode()
    {
        var (network, bases) = SyntheticCase();
        TimeSpan[] breaks = [TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(3.5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(7)];
        foreach (var mode in Enum.GetValues<IsochroneMode>())
        {
            var polygons = IsochroneBuilder.Build(network, bases, new IsochroneOptions(breaks) { Mode = mode });

            Assert.Equal(mode == IsochroneMode.Union ? 4 : 4 * bases.Count, polygons.Count);
            foreach (var p in polygons)
            {
                Assert.True(p.Area.IsValid, $"{mode} {p.Break} base {p.Base}: {new NetTopologySuite.Operation.Valid.IsValidOp(p.Area).ValidationError}");
                Assert.True(p.AreaKm2 > 0, $"{mode} {p.Break} base {p.Base} is empty");
                foreach (Polygon polygon in p.Area.Geometries.Cast<Polygon>())
                {
                    // RFC 7946: exterior rings counter-clockwise, holes clockwise.
                    Assert.True(NetTopologySuite.Algorithm.Orientation.IsCCW(polygon.ExteriorRing.CoordinateSequence));
                    Assert.All(polygon.InteriorRings, h => Assert.False(NetTopologySuite.Algorithm.Orientation.IsCCW(h.CoordinateSequence)));
                }
            }

            foreach (var group in polygons.GroupBy(p => p.Base))
            {
                var ordered = group.OrderBy(p => p.Break).ToList();
                for (int k = 0; k + 1 < ordered.Count; k++)
                {
                    var inner = ordered[k].Area;
                    var outer = ordered[k + 1].Area;
                    if (mode == IsochroneMode.Partition)
                    {
                        // Cut from nested unions by one base area each: nested up to the overlay's rounding.
                        Assert.True(inner.Difference(outer).Area < 1e-14, $"{mode} base {group.Key}: {ordered[k].Break} sticks out of {ordered[k + 1].Break}");
                    }
                    else
                    {
                        Assert.True(outer.Covers(inner), $"{mode} base {group.Key}: {ordered[k].Break} is not inside {ordered[k + 1].Break}");
                    }
                }
            }
        }
    }

    [Fact]
    public void Partition_HasNoOverlaps_AndNoGaps_AndSplitsThePopulation()
    {
        var (network, bases) = SyntheticCase();
        var layer = SyntheticDemand(network, 2000, seed: 5);
        TimeSpan[] breaks = [TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(6)];
        var unions = IsochroneBuilder.Build(network, bases, new IsochroneOptions(breaks), layer);
        var parts = IsochroneBuilder.Build(network, bases, new IsochroneOptions(breaks) { Mode = IsochroneMode.Partition }, layer);

        foreach (var union in unions)
        {
            var mine = parts.Where(p => p.Break == union.Break).ToList();
            Assert.Equal(bases.Count, mine.Count);
            for (int a = 0; a < mine.Count; a++)
            {
                for (int b = a + 1; b < mine.Count; b++)
                {
                    Assert.True(mine[a].Area.Intersection(mine[b].Area).Area < 1e-14, $"bases {a} and {b} overlap at {union.Break}");
                }
            }

            Geometry all = NetTopologySuite.Operation.Union.CascadedPolygonUnion.Union([.. mine.Select(p => (Geometry)p.Area)]);
            Assert.True(all.SymmetricDifference(union.Area).Area < 1e-9 * union.Area.Area, $"the parts do not make up the union at {union.Break}");
            Assert.Equal(union.AreaKm2, mine.Sum(p => p.AreaKm2), 3);
            Assert.Equal(union.Population!.Value, mine.Sum(p => p.Population!.Value), 6);
        }
    }

    [Fact]
    public void PerBase_AreasLieInsideTheUnion_AndTogetherMakeItUp()
    {
        var (network, bases) = SyntheticCase();
        TimeSpan[] breaks = [TimeSpan.FromMinutes(4)];
        var union = Assert.Single(IsochroneBuilder.Build(network, bases, new IsochroneOptions(breaks))).Area;
        var each = IsochroneBuilder.Build(network, bases, new IsochroneOptions(breaks) { Mode = IsochroneMode.PerBase });

        Assert.Equal(bases.Count, each.Count);
        Assert.Equal([0, 1, 2], each.Select(p => p.Base!.Value));
        Geometry all = NetTopologySuite.Operation.Union.CascadedPolygonUnion.Union([.. each.Select(p => (Geometry)p.Area)]);
        // Traced from different fields, the outlines may differ inside a grid cell: within 1 % of the area.
        Assert.True(all.SymmetricDifference(union).Area < 0.01 * union.Area);
    }

    /// <summary>
    /// The polygons agree with the coverage numbers (seeded synthetic demand): every point the coverage counts as
    /// reached within a break is inside that break's area, and no point reached more than 30 s after it is.
    /// </summary>
    [Fact]
    public void Union_AgreesWithPopulationCoverage_OnSyntheticDemand()
    {
        var (network, bases) = SyntheticCase();
        var layer = SyntheticDemand(network, 3000, seed: 9);
        var access = new AccessLeg(MaxSnapDistanceM: 400);
        TimeSpan[] breaks = [TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(6)];
        var polygons = IsochroneBuilder.Build(network, bases, new IsochroneOptions(breaks) { Access = access });
        var coverage = Coverage(network, bases, layer, access, 6 * 60_000);

        foreach (var p in polygons)
        {
            var (coveredOutside, lateInside) = IsochroneAgreement.Check(p, layer, coverage, toleranceMs: 30_000);
            Assert.True(coveredOutside.Count == 0, $"{p.Break}: covered cells outside: {string.Join("; ", coveredOutside)}");
            Assert.True(lateInside.Count == 0, $"{p.Break}: cells reached more than 30 s late inside: {string.Join("; ", lateInside)}");
        }
    }

    [Fact]
    public void NoBaseReachesAnything_GivesEmptyAreas_NotAnError()
    {
        var net = new PlaneNetwork().Node("A", 0, 0).Node("B", 1000, 0).Road("A", "B", 36);
        var bases = new SourceSet(net.Network, [], []);

        var polygons = IsochroneBuilder.Build(net.Network, bases, new IsochroneOptions([TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(5)]));

        Assert.Equal([TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(5)], polygons.Select(p => p.Break));
        Assert.All(polygons, p => Assert.True(p.Area.IsEmpty && p.AreaKm2 == 0));
    }

    [Theory]
    [InlineData(0.0, 50)]
    [InlineData(-5.0, 50)]
    [InlineData(1500.0, 50)]   // more than 24 h
    [InlineData(10.0, 0.5)]    // tolerance below 1 m
    public void BadOptions_AreRejected(double breakMin, double toleranceM)
    {
        var net = new PlaneNetwork().Node("A", 0, 0).Node("B", 1000, 0).Road("A", "B", 36);
        var bases = net.Bases((net.Arc("A", "B"), 0));
        Assert.Throws<ArgumentException>(() =>
            IsochroneBuilder.Build(net.Network, bases, new IsochroneOptions([TimeSpan.FromMinutes(breakMin)]) { ToleranceM = toleranceM }));
    }

    [Fact]
    public void BreakBeyondTheSearchLimit_IsRejected()
    {
        var net = new PlaneNetwork().Node("A", 0, 0).Node("B", 1000, 0).Road("A", "B", 36);
        var bases = net.Bases((net.Arc("A", "B"), 0));
        var workspace = new SearchWorkspace(net.Network.NodeCount);
        bases.Search(60_000, workspace);

        var ex = Assert.Throws<ArgumentException>(() =>
            IsochroneBuilder.Build(net.Network, bases, workspace, 60_000, new IsochroneOptions([TimeSpan.FromMinutes(2)])));
        Assert.Contains("search limit", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>A 30 × 30 jittered grid (about 4.5 km square, 30–90 km/h, some one-way and missing roads) with three
    /// bases, one of them placed mid-road.</summary>
    internal static (RoadNetwork Network, SourceSet Bases) SyntheticCase()
    {
        var network = SyntheticNetworks.Grid(30, 30, seed: 4, originLat: 47.0, originLon: 9.5);
        int[] nodes = SyntheticNetworks.PickNodes(network, 3, seed: 11);
        var snaps = nodes.Select((n, k) =>
        {
            int arc = network.FirstArc(n);
            return new SnapPoint(arc, k == 2 ? 0.4 : 0, 0, network.NodeLat(n), network.NodeLon(n));
        }).ToArray();
        return (network, new SourceSet(network, snaps, [0, 30_000, 0]));
    }

    /// <summary>Seeded demand points within 300 m of random nodes.</summary>
    internal static DemandLayer SyntheticDemand(RoadNetwork network, int count, int seed)
    {
        var rng = new Random(seed);
        var cells = new DemandCell[count];
        for (int i = 0; i < count; i++)
        {
            int n = rng.Next(network.NodeCount);
            double dLat = (rng.NextDouble() - 0.5) * 600 / 111_195.0;
            double dLon = (rng.NextDouble() - 0.5) * 600 / 111_195.0 / Math.Cos(double.DegreesToRadians(network.NodeLat(n)));
            cells[i] = new DemandCell($"c{i}", network.NodeLat(n) + dLat, network.NodeLon(n) + dLon, rng.Next(1, 20));
        }

        return new DemandLayer("synthetic (seeded)", cells, [], cells.Sum(c => c.Population));
    }

    private static PopulationCoverage Coverage(RoadNetwork network, SourceSet bases, DemandLayer layer, AccessLeg access, int standardMs)
    {
        var demand = SnappedDemand.Snap(new Snapper(network), layer, access);
        int limitMs = PopulationCoverage.SearchLimitFor(standardMs);
        var workspace = new SearchWorkspace(network.NodeCount);
        bases.Search(limitMs, workspace);
        var zones = new int[layer.Cells.Count];
        Array.Fill(zones, -1);
        return PopulationCoverage.Evaluate(bases, demand, zones, [], new ZoneStandard("all", standardMs), workspace, limitMs);
    }
}
