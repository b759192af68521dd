using EmsCoverage.Core.Tests.TestKit;
using EmsCoverage.Coverage;
using EmsCoverage.Diagnostics;
using EmsCoverage.Graph;
using EmsCoverage.Population;
using EmsCoverage.Search;
using EmsCoverage.Snapping;
using EmsCoverage.WhatIf;

namespace EmsCoverage.Core.Tests.WhatIf;

public sealed class TravelTimeColumnsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "emscov-columns-" + Guid.NewGuid().ToString("N"));

    public TravelTimeColumnsTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    //  A ==60s== B ==60s== C      two-way; a cell at the middle of B–C and one at C.
    //  A site at the middle of A–B reaches B after 30 s: cell B–C at 30 + 30 = 60 s, cell C at 90 s.
    [Fact]
    public void Column_HandCheckedLine_HoldsRoadTimesWithoutTurnoutOrAccess()
    {
        var net = TestNetworks.FromRoads(("A", "B", 60, 60), ("B", "C", 60, 60));
        var snapper = new Snapper(net.Network);
        var cells = new[]
        {
            new DemandCell("mid-BC", net.Network.NodeLat(net["B"]), (net.Network.NodeLon(net["B"]) + net.Network.NodeLon(net["C"])) / 2, 10),
            new DemandCell("at-C", net.Network.NodeLat(net["C"]), net.Network.NodeLon(net["C"]), 5),
        };
        var demand = SnappedDemand.Snap(snapper, new DemandLayer("t", cells, [], 15), new AccessLeg());
        Assert.True(snapper.TrySnap(net.Network.NodeLat(net["A"]), (net.Network.NodeLon(net["A"]) + net.Network.NodeLon(net["B"])) / 2, 50, out var site));

        var columns = TravelTimeColumns.Build(net.Network, demand, [site], new TravelTimeColumnOptions(600_000));

        Assert.Equal([0, 1], columns[0].Cells.ToArray());
        Assert.InRange(columns[0].TimeMsAt(0), 59_950, 60_050);   // rounding of the snap positions: within 50 ms
        Assert.InRange(columns[0].TimeMsAt(1), 89_950, 90_050);
        Assert.Equal(columns[0].TimeMsAt(1), columns[0].MaxTimeMs);

        var cut = TravelTimeColumns.Build(net.Network, demand, [site], new TravelTimeColumnOptions(70_000));
        Assert.Equal([0], cut[0].Cells.ToArray());
        Assert.Equal(SearchWorkspace.Unreached, cut[0].TimeMsAt(1));
    }

    public static TheoryData<int> Seeds() => [1, 2, 3, 4];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Column_EqualsSourceSetEvaluate_ForEveryCell_OnAwkwardRandomNetworks(int seed)
    {
        // Zero-time arcs, one-ways, parallel arcs, loops, an island; sites on the cells' own roads, ahead and behind.
        var f = new WhatIfFixture(TestNetworks.Random(seed), cellCount: 300, siteCount: 12, seed: seed);
        const int LimitMs = 240_000;

        var columns = TravelTimeColumns.Build(f.Network, f.Demand, f.Sites, new TravelTimeColumnOptions(LimitMs));

        var ws = new SearchWorkspace(f.Network.NodeCount);
        for (int s = 0; s < f.Sites.Count; s++)
        {
            var one = new SourceSet(f.Network, [f.Sites[s]], [0]);
            one.Search(LimitMs, ws, trackSecondSource: false);
            var column = columns[s];
            int reached = 0;
            for (int c = 0; c < f.Layer.Cells.Count; c++)
            {
                int expected = f.Demand.IsSnapped(c) ? one.Evaluate(f.Demand.Snap(c), ws, LimitMs).BestMs : SearchWorkspace.Unreached;
                Assert.True(expected == column.TimeMsAt(c), $"site {s}, cell {c}: expected {expected}, column {column.TimeMsAt(c)}");
                reached += expected == SearchWorkspace.Unreached ? 0 : 1;
            }

            Assert.Equal(reached, column.Count);
            Assert.True(column.Cells.ToArray().SequenceEqual(column.Cells.ToArray().Order()), "cells ascending");
        }
    }

    [Fact]
    public void Build_GivesTheSameBytes_ForAnyNumberOfThreads()
    {
        var f = new WhatIfFixture(SyntheticNetworks.Grid(25, 25, seed: 5), cellCount: 500, siteCount: 24, seed: 5);
        string one = Path.Combine(_folder, "one.emscols"), four = Path.Combine(_folder, "four.emscols");

        TravelTimeColumns.Build(f.Network, f.Demand, f.Sites, new TravelTimeColumnOptions(300_000) { MaxDegreeOfParallelism = 1 }).Write(one);
        TravelTimeColumns.Build(f.Network, f.Demand, f.Sites, new TravelTimeColumnOptions(300_000) { MaxDegreeOfParallelism = 4 }).Write(four);

        Assert.Equal(File.ReadAllBytes(one), File.ReadAllBytes(four));
    }

    [Fact]
    public void Build_Reuse_TakesKnownSites_CutToTheNewLimit_AndSearchesOnlyNewOnes()
    {
        var f = new WhatIfFixture(SyntheticNetworks.Grid(20, 20, seed: 6), cellCount: 300, siteCount: 10, seed: 6);
        var first = TravelTimeColumns.Build(f.Network, f.Demand, f.Sites.Take(6).ToArray(), new TravelTimeColumnOptions(400_000));
        var sites = f.Sites.Skip(3).Append(f.Sites[4]).ToArray(); // 3 known, the rest new, one duplicate

        var reused = TravelTimeColumns.Build(f.Network, f.Demand, sites, new TravelTimeColumnOptions(200_000), reuse: first);
        var fresh = TravelTimeColumns.Build(f.Network, f.Demand, sites, new TravelTimeColumnOptions(200_000));

        Assert.Equal(sites.Length - 4, reused.ComputedCount);
        Assert.Equal(sites.Length - 1, fresh.ComputedCount); // the duplicate shares its search
        for (int s = 0; s < sites.Length; s++)
        {
            Assert.Equal(fresh[s].Cells.ToArray(), reused[s].Cells.ToArray());
            Assert.Equal(fresh[s].TimesMs.ToArray(), reused[s].TimesMs.ToArray());
        }
    }

    [Fact]
    public void Build_SiteOffTheNetwork_Throws()
    {
        var f = new WhatIfFixture(SyntheticNetworks.Grid(5, 5, seed: 1), cellCount: 10, siteCount: 1, seed: 1);
        var bad = new SnapPoint(f.Network.ArcCount, 0, 0, 0, 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => TravelTimeColumns.Build(f.Network, f.Demand, [bad], new TravelTimeColumnOptions(60_000)));
        Assert.Throws<ArgumentOutOfRangeException>(() => TravelTimeColumns.Build(f.Network, f.Demand, f.Sites, new TravelTimeColumnOptions(0)));
    }

    [Fact]
    public void WriteThenRead_RoundTripsEveryColumnAndSite_AndLeavesNoTemporaryFile()
    {
        var f = new WhatIfFixture(SyntheticNetworks.Grid(20, 20, seed: 7), cellCount: 300, siteCount: 8, seed: 7);
        var columns = TravelTimeColumns.Build(f.Network, f.Demand, f.Sites, new TravelTimeColumnOptions(300_000));
        string path = Path.Combine(_folder, "study.emscols");

        columns.Write(path);
        var read = TravelTimeColumns.Read(path, f.Network, f.Demand);

        Assert.Equal(["study.emscols"], Directory.GetFiles(_folder).Select(Path.GetFileName));
        Assert.Equal(columns.Sites, read.Sites);
        Assert.Equal(columns.LimitMs, read.LimitMs);
        Assert.Equal(0, read.ComputedCount);
        Assert.Equal(columns.MemoryBytes, read.MemoryBytes);
        for (int s = 0; s < columns.Count; s++)
        {
            Assert.Equal(columns[s].Cells.ToArray(), read[s].Cells.ToArray());
            Assert.Equal(columns[s].TimesMs.ToArray(), read[s].TimesMs.ToArray());
        }
    }

    [Fact]
    public void Read_RefusesCorruptTruncatedForeignAndMismatchedFiles()
    {
        var f = new WhatIfFixture(SyntheticNetworks.Grid(15, 15, seed: 8), cellCount: 200, siteCount: 4, seed: 8);
        string path = Path.Combine(_folder, "c.emscols");
        TravelTimeColumns.Build(f.Network, f.Demand, f.Sites, new TravelTimeColumnOptions(300_000)).Write(path);
        byte[] good = File.ReadAllBytes(path);

        string Refused(byte[] bytes)
        {
            File.WriteAllBytes(path, bytes);
            return Assert.Throws<InputDataException>(() => TravelTimeColumns.Read(path, f.Network, f.Demand)).Message;
        }

        byte[] flipped = (byte[])good.Clone();
        flipped[good.Length / 2] ^= 0x40;
        Assert.Contains("checksum", Refused(flipped), StringComparison.Ordinal);
        Assert.Contains("too short", Refused(good[..50]), StringComparison.Ordinal);
        Assert.Contains("checksum", Refused(good[..^7]), StringComparison.Ordinal);
        Assert.Contains("not an EmsCoverage travel-time column file", Refused("hello, world, this is not a column file at all; it is much longer than a header is"u8.ToArray().Concat(new byte[64]).ToArray()), StringComparison.Ordinal);
        byte[] version = (byte[])good.Clone();
        version[8] = 9;
        Assert.Contains("format version 9", Refused(version), StringComparison.Ordinal);

        File.WriteAllBytes(path, good);
        var otherNetwork = new WhatIfFixture(SyntheticNetworks.Grid(15, 15, seed: 9), cellCount: 200, siteCount: 4, seed: 8);
        Assert.Contains("another road network", Assert.Throws<InputDataException>(() => TravelTimeColumns.Read(path, otherNetwork.Network, f.Demand)).Message, StringComparison.Ordinal);
        var otherDemand = new WhatIfFixture(f.Network, cellCount: 200, siteCount: 4, seed: 99);
        Assert.Contains("other demand cells", Assert.Throws<InputDataException>(() => TravelTimeColumns.Read(path, f.Network, otherDemand.Demand)).Message, StringComparison.Ordinal);
        Assert.Contains("not found", Assert.Throws<InputDataException>(() => TravelTimeColumns.Read(path + ".missing", f.Network, f.Demand)).Message, StringComparison.Ordinal);
    }
}
