using System.Globalization;
using System.Runtime.InteropServices;
using EmsCoverage.Diagnostics;
using EmsCoverage.Graph;
using OsmSharp;
using OsmSharp.Streams;

namespace EmsCoverage.Osm;

/// <summary>
/// Builds a <see cref="RoadNetwork"/> from an OSM extract (.osm.pbf or .osm XML, recognised by content) with an
/// <see cref="AmbulanceProfile"/>.
/// </summary>
/// <remarks>
/// <para>Two passes over the file. Pass 1 reads ways: the profile decides which are drivable, in which
/// directions and how fast, and each drivable way's node references are kept and counted. Pass 2 reads the
/// coordinates of the referenced nodes (it stops as soon as all are found).</para>
/// <para>Routing nodes (graph nodes) are the ends of drivable ways and OSM nodes used twice or more (by two ways,
/// or twice by one); other nodes become shape points. Each piece of way between consecutive routing nodes becomes
/// one <see cref="RoadNetworkBuilder.AddRoad"/>: length by haversine along the shape, time =
/// round(length / speed) in ms, at least 1 ms when the length is positive. Ferries spread their crossing time
/// (duration tag or length / ferry speed, plus boarding) over their pieces by length.</para>
/// <para>A reference to a node missing from the file (clipped extract) splits the way there; the two sides are not
/// connected across the hole. Pieces that start and end at the same node with zero length are dropped.</para>
/// </remarks>
public sealed class OsmNetworkReader
{
    /// <summary>Creates a reader for <paramref name="profile"/> (<see cref="AmbulanceProfile.Default"/> when null).</summary>
    public OsmNetworkReader(AmbulanceProfile? profile = null)
    {
        Profile = profile ?? AmbulanceProfile.Default;
    }

    /// <summary>The profile used to interpret tags.</summary>
    public AmbulanceProfile Profile { get; }

    /// <summary>One-shot form of <see cref="Read"/>: reads <paramref name="path"/> with <paramref name="profile"/>.</summary>
    /// <param name="path">An .osm.pbf or .osm (XML) file.</param>
    /// <param name="profile">Profile; <see cref="AmbulanceProfile.Default"/> when null.</param>
    /// <param name="cancellationToken">Checked every few thousand elements.</param>
    /// <exception cref="InputDataException">The file cannot be used; see <see cref="Read"/>.</exception>
    public static OsmNetworkResult ReadFile(string path, AmbulanceProfile? profile = null, CancellationToken cancellationToken = default) =>
        new OsmNetworkReader(profile).Read(path, cancellationToken);

    /// <summary>Reads the extract at <paramref name="path"/> and builds its drivable network.</summary>
    /// <param name="path">An .osm.pbf or .osm (XML) file.</param>
    /// <param name="cancellationToken">Checked every few thousand elements.</param>
    /// <exception cref="InputDataException">
    /// The file is missing, empty, not OSM, truncated, corrupt, uses PBF compression OsmSharp cannot read, or has no
    /// drivable roads; the message names the file and the problem.
    /// </exception>
    public OsmNetworkResult Read(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        OsmInput input = OsmInput.Inspect(path);
        var diagnostics = new DiagnosticBag();
        var pass = new PassState();
        (FileStream stream, OsmStreamSource source) = input.Open();
        using (stream)
        {
            try
            {
                ReadWays(source, pass, diagnostics, cancellationToken);
                if (pass.Ways.Count == 0)
                {
                    throw new InputDataException(path,
                        $"{path}: no drivable roads for profile '{Profile.Name}' ({pass.WaysRead} ways read, {pass.RoadWays} with highway=* or route=ferry)");
                }

                source.Reset();
                pass.AllocateCoordinates();
                ReadNodes(source, pass, cancellationToken);
            }
            catch (Exception ex) when (OsmInput.IsReadFailure(ex))
            {
                throw input.Wrap(ex);
            }
        }

        var builder = new RoadNetworkBuilder();
        var build = new BuildState(pass.SlotCount);
        foreach (WayRecord way in pass.Ways)
        {
            AddWay(builder, pass, build, way);
        }

        if (builder.ArcCount == 0)
        {
            throw new InputDataException(path,
                $"{path}: no drivable roads: {pass.Ways.Count} drivable ways found, but none has two nodes present in the file");
        }

        if (build.DanglingRefs > 0)
        {
            diagnostics.Add(OsmDiagnosticCodes.DanglingNodeRefs, DiagnosticSeverity.Warning,
                $"{build.DanglingRefs.ToString(CultureInfo.InvariantCulture)} node references in drivable ways name OSM nodes missing from the file (clipped extract?); the ways were split there",
                Path.GetFileName(path));
        }

        if (build.SelfLoops > 0)
        {
            diagnostics.Add(OsmDiagnosticCodes.SelfLoopsSkipped, DiagnosticSeverity.Info,
                $"{build.SelfLoops.ToString(CultureInfo.InvariantCulture)} zero-length road pieces that start and end at the same node were dropped",
                Path.GetFileName(path));
        }

        if (build.ClampedArcs > 0)
        {
            diagnostics.Add(OsmDiagnosticCodes.ArcTimeClamped, DiagnosticSeverity.Warning,
                $"{build.ClampedArcs.ToString(CultureInfo.InvariantCulture)} arcs took longer than {int.MaxValue} ms and were clamped",
                Path.GetFileName(path));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var provenance = new NetworkProvenance(input.ComputeSha256(), Profile.Sha256, Path.GetFileName(path))
        {
            DataDate = input.Header?.ReplicationTimestamp ?? pass.MaxTimestamp,
        };
        RoadNetwork network = builder.Build(provenance);
        var counts = new OsmNetworkCounts(pass.WaysRead, pass.RoadWays, pass.Ways.Count, pass.FerryWays, pass.SlotCount,
            build.DanglingRefs, pass.DegenerateWays, build.SelfLoops);
        return new OsmNetworkResult(network, diagnostics, counts, input.Format, input.Header?.ReplicationTimestamp, pass.MaxTimestamp);
    }

    // Pass 1: drivable ways, their node references (as slots) and how often each node is used.
    private void ReadWays(OsmStreamSource source, PassState pass, DiagnosticBag diagnostics, CancellationToken cancellationToken)
    {
        var distinct = new List<long>();
        int seen = 0;
        while (source.MoveNext(ignoreNodes: true, ignoreWays: false, ignoreRelations: true))
        {
            if ((++seen & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (source.Current() is not Way way)
            {
                continue;
            }

            pass.WaysRead++;
            pass.Track(way.TimeStamp);
            if (way.Tags is null || !(way.Tags.ContainsKey("highway") || way.Tags.Contains("route", "ferry")))
            {
                continue;
            }

            pass.RoadWays++;
            long wayId = way.Id ?? 0;
            WayRouting routing = Profile.Evaluate(way.Tags, diagnostics, wayId);
            if (!routing.IsDrivable)
            {
                continue;
            }

            distinct.Clear();
            foreach (long id in way.Nodes ?? [])
            {
                if (distinct.Count == 0 || distinct[^1] != id)
                {
                    distinct.Add(id);
                }
            }

            if (distinct.Count < 2)
            {
                pass.DegenerateWays++;
                continue;
            }

            int refStart = pass.Refs.Count;
            for (int i = 0; i < distinct.Count; i++)
            {
                int slot = pass.SlotOf(distinct[i]);
                pass.Refs.Add(slot);
                pass.UseCount[slot] += i == 0 || i == distinct.Count - 1 ? 2 : 1; // ends are always routing nodes
            }

            if (routing.IsFerry)
            {
                pass.FerryWays++;
            }

            RoadClass roadClass = routing.IsFerry ? RoadClass.Ferry
                : RoadClasses.FromHighway(way.Tags.TryGetValue("highway", out string? highway) ? highway : null);
            pass.Ways.Add(new WayRecord(wayId, refStart, distinct.Count, routing, roadClass));
        }
    }

    // Pass 2: coordinates of the referenced nodes; stops once all are found.
    private static void ReadNodes(OsmStreamSource source, PassState pass, CancellationToken cancellationToken)
    {
        int found = 0, seen = 0;
        while (found < pass.SlotCount && source.MoveNext(ignoreNodes: false, ignoreWays: true, ignoreRelations: true))
        {
            if ((++seen & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (source.Current() is not Node node || node.Id is not long id || !pass.TryGetSlot(id, out int slot))
            {
                continue;
            }

            pass.Track(node.TimeStamp);
            if (node.Latitude is double lat && node.Longitude is double lon && !pass.Has[slot]
                && lat is >= -90 and <= 90 && lon is >= -180 and <= 180)
            {
                pass.Has[slot] = true;
                pass.Lat[slot] = lat;
                pass.Lon[slot] = lon;
                found++;
            }
        }
    }

    private static void AddWay(RoadNetworkBuilder builder, PassState pass, BuildState build, WayRecord way)
    {
        ReadOnlySpan<int> refs = CollectionsMarshal.AsSpan(pass.Refs).Slice(way.RefStart, way.RefCount);
        WayRouting r = way.Routing;

        // Ferries: the whole crossing time (duration or length / speed, plus boarding) is spread over the pieces by length.
        double ferryTotalMs = 0, ferryLengthM = 0;
        if (r.IsFerry)
        {
            for (int k = 1; k < refs.Length; k++)
            {
                if (pass.Has[refs[k - 1]] && pass.Has[refs[k]])
                {
                    ferryLengthM += Distance(pass, refs[k - 1], refs[k]);
                }
            }

            double crossingMs = r.FixedDuration?.TotalMilliseconds ?? ferryLengthM * 3600.0 / Math.Max(r.ForwardKmh, r.BackwardKmh);
            ferryTotalMs = crossingMs + r.Delay.TotalMilliseconds;
        }

        int segmentStart = -1; // slot of the routing node where the current piece starts
        int previous = -1;
        double lengthM = 0;
        build.Shape.Clear();
        for (int k = 0; k < refs.Length; k++)
        {
            int slot = refs[k];
            if (!pass.Has[slot])
            {
                build.DanglingRefs++;
                segmentStart = -1; // do not connect across the hole
                continue;
            }

            if (segmentStart < 0)
            {
                segmentStart = slot;
                previous = slot;
                lengthM = 0;
                build.Shape.Clear();
                continue;
            }

            lengthM += Distance(pass, previous, slot);
            previous = slot;
            bool isRoutingNode = pass.UseCount[slot] >= 2 || k == refs.Length - 1 || !pass.Has[refs[k + 1]];
            if (!isRoutingNode)
            {
                build.Shape.Add((pass.Lat[slot], pass.Lon[slot]));
                continue;
            }

            if (segmentStart == slot && lengthM == 0)
            {
                build.SelfLoops++;
            }
            else
            {
                int forwardMs = -1, backwardMs = -1;
                if (r.IsFerry)
                {
                    double ms = ferryLengthM > 0 ? ferryTotalMs * lengthM / ferryLengthM : ferryTotalMs;
                    forwardMs = r.IsForwardAllowed ? build.ToMs(ms, lengthM) : -1;
                    backwardMs = r.IsBackwardAllowed ? build.ToMs(ms, lengthM) : -1;
                }
                else
                {
                    forwardMs = r.IsForwardAllowed ? build.ToMs(lengthM * 3600.0 / r.ForwardKmh, lengthM) : -1;
                    backwardMs = r.IsBackwardAllowed ? build.ToMs(lengthM * 3600.0 / r.BackwardKmh, lengthM) : -1;
                }

                builder.AddRoad(build.NodeFor(builder, pass, segmentStart), build.NodeFor(builder, pass, slot),
                    forwardMs, backwardMs, lengthM, way.Id, CollectionsMarshal.AsSpan(build.Shape), way.RoadClass);
            }

            segmentStart = slot;
            lengthM = 0;
            build.Shape.Clear();
        }
    }

    private static double Distance(PassState pass, int a, int b) =>
        Geodesy.HaversineM(pass.Lat[a], pass.Lon[a], pass.Lat[b], pass.Lon[b]);

    private readonly record struct WayRecord(long Id, int RefStart, int RefCount, WayRouting Routing, RoadClass RoadClass);

    // Everything the two passes collect. OSM node ids map to dense "slots"; way references are stored as slots.
    private sealed class PassState
    {
        private readonly Dictionary<long, int> _slotOf = [];

        public List<WayRecord> Ways { get; } = [];

        public List<int> Refs { get; } = [];

        public List<int> UseCount { get; } = [];

        public int SlotCount => _slotOf.Count;

        public int WaysRead { get; set; }

        public int RoadWays { get; set; }

        public int FerryWays { get; set; }

        public int DegenerateWays { get; set; }

        public DateTimeOffset? MaxTimestamp { get; private set; }

        public bool[] Has { get; private set; } = [];

        public double[] Lat { get; private set; } = [];

        public double[] Lon { get; private set; } = [];

        public int SlotOf(long osmNodeId)
        {
            ref int slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_slotOf, osmNodeId, out bool exists);
            if (!exists)
            {
                slot = _slotOf.Count - 1;
                UseCount.Add(0);
            }

            return slot;
        }

        public bool TryGetSlot(long osmNodeId, out int slot) => _slotOf.TryGetValue(osmNodeId, out slot);

        // After pass 1: one coordinate entry per slot.
        public void AllocateCoordinates()
        {
            Has = new bool[_slotOf.Count];
            Lat = new double[_slotOf.Count];
            Lon = new double[_slotOf.Count];
        }

        public void Track(DateTime? timestamp)
        {
            if (timestamp is DateTime t && t.Year > 2000)
            {
                var value = new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc));
                if (MaxTimestamp is null || value > MaxTimestamp)
                {
                    MaxTimestamp = value;
                }
            }
        }
    }

    private sealed class BuildState(int slotCount)
    {
        private readonly int[] _builderNode = CreateBuilderNodes(slotCount);

        public List<(double Lat, double Lon)> Shape { get; } = [];

        public int DanglingRefs { get; set; }

        public int SelfLoops { get; set; }

        public int ClampedArcs { get; set; }

        public int NodeFor(RoadNetworkBuilder builder, PassState pass, int slot)
        {
            if (_builderNode[slot] < 0)
            {
                _builderNode[slot] = builder.AddNode(pass.Lat[slot], pass.Lon[slot]);
            }

            return _builderNode[slot];
        }

        // Rounds to whole ms; a piece with positive length never gets 0 ms; times beyond int range are clamped.
        public int ToMs(double ms, double lengthM)
        {
            if (!(ms < int.MaxValue))
            {
                ClampedArcs++;
                return int.MaxValue - 1;
            }

            int t = (int)Math.Round(ms, MidpointRounding.AwayFromZero);
            return t == 0 && lengthM > 0 ? 1 : t;
        }

        private static int[] CreateBuilderNodes(int count)
        {
            var nodes = new int[count];
            Array.Fill(nodes, -1);
            return nodes;
        }
    }
}
