using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using EmsCoverage.Coverage;
using EmsCoverage.Search;

namespace EmsCoverage.WhatIf;

/// <summary>A base in a scenario: which column (site) it stands at, and its turnout time.</summary>
/// <param name="Column">Index of the site's column in the <see cref="TravelTimeColumns"/>.</param>
/// <param name="TurnoutMs">Delay between the call and the ambulance leaving, in ms (zero or more).</param>
public readonly record struct ScenarioBase(int Column, int TurnoutMs);

/// <summary>
/// Coverage of any set of bases from cached travel-time columns: a min-reduction over the chosen columns instead of
/// a new search. The result equals <see cref="PopulationCoverage.Evaluate"/> after a multi-source search from the
/// same bases, exactly: every cell's first and second base and times, and every zone and base figure.
/// </summary>
/// <remarks>
/// <para>Why it is exact: a multi-source search gives each node the lexicographically smallest (time, source) label
/// and the smallest among the other sources, and <see cref="SourceSet.Evaluate"/> takes the best two distinct sources
/// over a cell's road terms; both are the two smallest (time, source) pairs over all sources of the single-source
/// arrival, which is what a column holds plus the base's turnout (the turnout adds the same to every path). So the
/// reduction keeps, per cell, the two smallest keys <c>(time + turnout) &lt;&lt; 32 | base</c> — ties go to the lower
/// base index, as in the search — and drops times above the limit, as the bounded search does.</para>
/// <para>Cost: one pass over the chosen columns (8 bytes per pair, two branch-free min/max per pair) plus one pass
/// over the cells. <see cref="Summarize"/> gives the report's figures from that pass without per-cell objects;
/// <see cref="Evaluate"/> builds the full <see cref="PopulationCoverage"/> (per-cell results, by-minute curve). Not
/// thread-safe: one evaluator per thread (they can share the columns).</para>
/// </remarks>
public sealed class ScenarioEvaluator
{
    // An empty slot reads as (Unreached, NoSource): long.MaxValue >> 32 == int.MaxValue and (int)long.MaxValue == -1.
    private const long Empty = long.MaxValue;
    private readonly TravelTimeColumns _columns;
    private readonly SnappedDemand _demand;
    private readonly Slot[] _slots; // per cell; every slot is Empty between calls
    private readonly int[] _accessMs; // per cell: the access leg in ms, or -1 when no road is near
    private readonly double[] _population; // per cell
    private readonly long[]? _wholePeople; // per cell, when every population is a whole number and the total at most 2^53
    private ArrivalTimes[]? _arrivals;

    /// <summary>Creates an evaluator over <paramref name="columns"/> for the cells of <paramref name="demand"/>.</summary>
    /// <exception cref="ArgumentException">The columns were computed for other demand cells.</exception>
    public ScenarioEvaluator(TravelTimeColumns columns, SnappedDemand demand)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(demand);
        if (columns.CellCount != demand.Layer.Cells.Count || columns.DemandSha256 != InputFingerprint.Demand(demand))
        {
            throw new ArgumentException("The columns were computed for other demand cells.", nameof(columns));
        }

        _columns = columns;
        _demand = demand;
        _slots = new Slot[columns.CellCount];
        Array.Fill(_slots, new Slot { Best = Empty, Second = Empty });
        _accessMs = new int[columns.CellCount];
        _population = new double[columns.CellCount];
        for (int c = 0; c < _accessMs.Length; c++)
        {
            _accessMs[c] = demand.IsSnapped(c) ? demand.AccessMs(c) : -1;
            _population[c] = demand.Population(c);
        }

        _wholePeople = WholeNumbers(_population);
    }

    /// <summary>True when summaries add the populations as integers (<see cref="TallyWhole"/>).</summary>
    internal bool SumsWholePeople => _wholePeople is not null;

    /// <summary>The columns scenarios are evaluated from.</summary>
    public TravelTimeColumns Columns => _columns;

    /// <summary>The demand cells.</summary>
    public SnappedDemand Demand => _demand;

    /// <summary>
    /// Coverage of the bases <paramref name="bases"/> (source index = position in the span).
    /// </summary>
    /// <param name="bases">The scenario's bases.</param>
    /// <param name="cellZone">Zone index per cell, or -1 for the default zone.</param>
    /// <param name="zones">Zones with their standards.</param>
    /// <param name="defaultStandard">Standard outside every zone.</param>
    /// <param name="limitMs">The search limit to reproduce (e.g. <see cref="PopulationCoverage.SearchLimitFor"/>), at
    /// most <see cref="TravelTimeColumns.LimitMs"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A column index, a turnout or the limit is out of range.</exception>
    public PopulationCoverage Evaluate(ReadOnlySpan<ScenarioBase> bases, ReadOnlySpan<int> cellZone, IReadOnlyList<ZoneStandard> zones,
        ZoneStandard defaultStandard, int limitMs)
    {
        _arrivals ??= new ArrivalTimes[_columns.CellCount];
        ComputeRoadArrivals(bases, limitMs, _arrivals);
        return PopulationCoverage.FromArrivals(_demand, cellZone, zones, defaultStandard, bases.Length, _arrivals, limitMs);
    }

    /// <summary>
    /// The min-reduction alone: per cell, the first and second base and their road arrival (turnout included, access
    /// leg not), as <see cref="SourceSet.Evaluate"/> would give after a multi-source search bounded at
    /// <paramref name="limitMs"/>. Allocation-free.
    /// </summary>
    /// <param name="bases">The scenario's bases (source index = position).</param>
    /// <param name="limitMs">Inclusive limit on road arrival, at most the columns' limit.</param>
    /// <param name="roadArrivals">Receives one entry per demand cell.</param>
    /// <exception cref="ArgumentOutOfRangeException">A column index, a turnout or the limit is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="roadArrivals"/> does not have one entry per cell.</exception>
    public void ComputeRoadArrivals(ReadOnlySpan<ScenarioBase> bases, int limitMs, Span<ArrivalTimes> roadArrivals)
    {
        if (roadArrivals.Length != _columns.CellCount)
        {
            throw new ArgumentException("One entry per demand cell is needed.", nameof(roadArrivals));
        }

        Reduce(bases, limitMs);

        // Read out and reset each slot in the same pass, so the next call starts from empty slots without a fill.
        Slot[] slots = _slots;
        for (int c = 0; c < roadArrivals.Length; c++)
        {
            ref Slot slot = ref slots[c];
            long b = slot.Best, s = slot.Second;
            slot.Best = Empty;
            slot.Second = Empty;
            roadArrivals[c] = new ArrivalTimes((int)(b >> 32), (int)b, (int)(s >> 32), (int)s);
        }
    }

    /// <summary>
    /// The figures of a scenario without per-cell objects (<see cref="ScenarioSummary"/>): covered population per zone
    /// and overall, beyond standard, not reachable, no road nearby, covered twice, N-1 per base and each cell's status,
    /// each equal to the same figure of <see cref="Evaluate"/> with the same arguments, to the last bit. One pass over
    /// the chosen columns and one over the cells; allocation-free once <paramref name="into"/> has seen as many zones
    /// and bases.
    /// </summary>
    /// <param name="bases">The scenario's bases (source index = position in the span).</param>
    /// <param name="cellZone">Zone index per cell, or -1 for the default zone.</param>
    /// <param name="zones">Zones with their standards.</param>
    /// <param name="defaultStandard">Standard outside every zone.</param>
    /// <param name="limitMs">The search limit to reproduce, at most <see cref="TravelTimeColumns.LimitMs"/>.</param>
    /// <param name="into">Receives the figures (buffers created for this evaluator; overwritten).</param>
    /// <exception cref="ArgumentOutOfRangeException">A column index, a turnout, the limit, a standard or a zone index is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="cellZone"/> does not have one entry per cell, or
    /// <paramref name="into"/> belongs to another evaluator.</exception>
    public void Summarize(ReadOnlySpan<ScenarioBase> bases, ReadOnlySpan<int> cellZone, IReadOnlyList<ZoneStandard> zones,
        ZoneStandard defaultStandard, int limitMs, ScenarioSummary into)
    {
        ArgumentNullException.ThrowIfNull(zones);
        ArgumentNullException.ThrowIfNull(defaultStandard);
        ArgumentNullException.ThrowIfNull(into);
        if (!ReferenceEquals(into.Evaluator, this))
        {
            throw new ArgumentException("The summary was created for another evaluator.", nameof(into));
        }

        if (cellZone.Length != _slots.Length)
        {
            throw new ArgumentException("One zone index is needed per demand cell.", nameof(cellZone));
        }

        for (int z = 0; z < zones.Count; z++)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(zones[z].ThresholdMs, nameof(zones));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(defaultStandard.ThresholdMs, nameof(defaultStandard));
        Reduce(bases, limitMs);
        into.Begin(zones, defaultStandard, bases.Length, limitMs);
        int bad = _wholePeople is null ? TallyExact(cellZone, into) : TallyWhole(cellZone, into);
        if (bad >= 0)
        {
            into.Invalidate();
            throw new ArgumentOutOfRangeException(nameof(cellZone), cellZone[bad], $"Zone index of cell {_demand.Layer.Cells[bad].Id} is out of range.");
        }

        into.End(whole: _wholePeople is not null);
    }

    /// <summary>The populations as integers when each is a whole number from 0 to 2^53 and they add up to at most 2^53
    /// (so that every partial sum of them in doubles is exact), else null.</summary>
    private static long[]? WholeNumbers(double[] population)
    {
        const double Exact = 9_007_199_254_740_992; // 2^53
        var whole = new long[population.Length];
        long total = 0;
        for (int c = 0; c < population.Length; c++)
        {
            double p = population[c];
            if (!(p >= 0 && p <= Exact && p == Math.Floor(p)))
            {
                return null;
            }

            whole[c] = (long)p;
            total += whole[c];
            if (total > (long)Exact)
            {
                return null;
            }
        }

        return whole;
    }

    /// <summary>Per cell: population (contiguous), for summaries.</summary>
    internal double[] CellPopulation => _population;

    /// <summary>
    /// One pass over the reduced slots: each cell's status and its people added to its zone's and its first base's
    /// sums, in cell order, with the tests of <see cref="PopulationCoverage"/>; every slot is reset to empty on the way.
    /// Returns -1, or the first cell whose zone index is out of range (all slots are reset then too).
    /// </summary>
    /// <remarks>
    /// The zone's sums stay in locals while consecutive cells share a zone (they are stored and reloaded when it
    /// changes), so the running sums are the same doubles as <see cref="PopulationCoverage"/>'s, added in the same order,
    /// without a store-and-reload per cell.
    /// </remarks>
    private int TallyExact(ReadOnlySpan<int> cellZone, ScenarioSummary into)
    {
        Slot[] slots = _slots;
        int[] accessMs = _accessMs;
        double[] population = _population;
        byte[] status = into.Status;
        ulong[] bits = into.CoveredBits;
        ScenarioSummary.ZoneTally[] zones = into.Zones;
        ScenarioSummary.BaseTally[] bases = into.Bases;
        int zoneCount = into.ZoneCount;
        int n = slots.Length;
        if (accessMs.Length != n || population.Length != n || status.Length != n || cellZone.Length != n)
        {
            throw new InvalidOperationException("Buffers of different lengths.");
        }

        int zone = -1, threshold = 0;
        double zPopulation = 0, zCovered = 0, zBeyond = 0, zUnreachable = 0, zNoRoad = 0, zTwice = 0;
        ulong word = 0;
        for (int c = 0; c < n; c++)
        {
            ref Slot slot = ref slots[c];
            long best = slot.Best, second = slot.Second;
            slot.Best = Empty;
            slot.Second = Empty;
            int z = cellZone[c];
            z = z < 0 ? zoneCount - 1 : z;
            if (z != zone)
            {
                if (z >= zoneCount)
                {
                    for (int k = c + 1; k < n; k++)
                    {
                        slots[k].Best = Empty;
                        slots[k].Second = Empty;
                    }

                    return c;
                }

                if (zone >= 0)
                {
                    ref var u = ref zones[zone];
                    (u.Population, u.Covered, u.BeyondStandard, u.NotReachableByRoad, u.NoRoadNearby, u.CoveredTwice) =
                        (zPopulation, zCovered, zBeyond, zUnreachable, zNoRoad, zTwice);
                }

                zone = z;
                ref var t = ref zones[zone];
                (threshold, zPopulation, zCovered, zBeyond, zUnreachable, zNoRoad, zTwice) =
                    (t.ThresholdMs, t.Population, t.Covered, t.BeyondStandard, t.NotReachableByRoad, t.NoRoadNearby, t.CoveredTwice);
            }

            double people = population[c];
            int access = accessMs[c];
            int road = (int)(best >> 32);
            zPopulation += people;
            CellStatus cellStatus;
            if (access < 0)
            {
                zNoRoad += people;
                cellStatus = CellStatus.NoRoadNearby;
            }
            else if (road == SearchWorkspace.Unreached)
            {
                zUnreachable += people;
                cellStatus = CellStatus.NotReachableByRoad;
            }
            else
            {
                // As PopulationCoverage: arrival = road + access leg, capped below Unreached; an unreached second stays Unreached.
                long arrival = Math.Min(SearchWorkspace.Unreached - 1L, (long)road + access);
                int road2 = (int)(second >> 32);
                long arrival2 = road2 == SearchWorkspace.Unreached ? SearchWorkspace.Unreached : Math.Min(SearchWorkspace.Unreached - 1L, (long)road2 + access);
                ref var b = ref bases[(int)best];
                b.Nearest += people;
                if (arrival <= threshold)
                {
                    zCovered += people;
                    b.NearestAndCovered += people;
                    if (arrival2 <= threshold)
                    {
                        zTwice += people;
                    }
                    else
                    {
                        b.LostIfUnavailable += people;
                    }

                    word |= 1UL << c;
                    cellStatus = CellStatus.Covered;
                }
                else
                {
                    zBeyond += people;
                    cellStatus = CellStatus.BeyondStandard;
                }
            }

            status[c] = (byte)cellStatus;
            if ((c & 63) == 63)
            {
                bits[c >> 6] = word;
                word = 0;
            }
        }

        if ((n & 63) != 0)
        {
            bits[n >> 6] = word;
        }

        if (zone >= 0)
        {
            ref var u = ref zones[zone];
            (u.Population, u.Covered, u.BeyondStandard, u.NotReachableByRoad, u.NoRoadNearby, u.CoveredTwice) =
                (zPopulation, zCovered, zBeyond, zUnreachable, zNoRoad, zTwice);
        }

        return -1;
    }

    /// <summary>
    /// <see cref="TallyExact"/> when every population is a whole number and all of them add up to at most 2^53: then
    /// every partial sum of doubles is exact, so integer sums converted once give the same doubles as PopulationCoverage's
    /// additions in cell order, and the pass can be free of branches on the data (which category a cell falls in is not
    /// something a branch predictor learns): each sum gets the cell's people masked to zero or not.
    /// </summary>
    private int TallyWhole(ReadOnlySpan<int> cellZone, ScenarioSummary into)
    {
        Slot[] slots = _slots;
        int[] accessMs = _accessMs;
        long[] people = _wholePeople!;
        byte[] status = into.Status;
        ulong[] bits = into.CoveredBits;
        ScenarioSummary.ZoneTally[] zones = into.Zones;
        long[] zoneSums = into.WholeZones;
        long[] baseSums = into.WholeBases;
        int zoneCount = into.ZoneCount;
        int scratch = ScenarioSummary.WholeBaseSums * into.BaseCount;
        int n = slots.Length;
        if (accessMs.Length != n || people.Length != n || status.Length != n || cellZone.Length != n ||
            zoneSums.Length < ScenarioSummary.WholeZoneSums * zoneCount || baseSums.Length < scratch + (ScenarioSummary.WholeBaseSums * ScenarioSummary.ScratchBases))
        {
            throw new InvalidOperationException("Buffers of different lengths.");
        }

        // The lengths were checked above: index without bounds checks in the loop.
        ref int zoneOf = ref MemoryMarshal.GetReference(cellZone);
        ref long peopleOf = ref MemoryMarshal.GetArrayDataReference(people);
        ref int accessOf = ref MemoryMarshal.GetArrayDataReference(accessMs);
        ref byte statusOf = ref MemoryMarshal.GetArrayDataReference(status);
        ref long baseSum = ref MemoryMarshal.GetArrayDataReference(baseSums);
        const long Unreached = SearchWorkspace.Unreached;
        int zone = -1;
        long threshold = 0, zPopulation = 0, zNoRoad = 0, zReached = 0, zCovered = 0, zTwice = 0;
        ulong word = 0;
        for (int c = 0; c < n; c++)
        {
            ref Slot slot = ref slots[c];
            long best = slot.Best, second = slot.Second;
            slot.Best = Empty;
            slot.Second = Empty;
            int z = Unsafe.Add(ref zoneOf, c);
            z = z < 0 ? zoneCount - 1 : z;
            if (z != zone)
            {
                if (z >= zoneCount)
                {
                    for (int k = c + 1; k < n; k++)
                    {
                        slots[k].Best = Empty;
                        slots[k].Second = Empty;
                    }

                    return c;
                }

                if (zone >= 0)
                {
                    StoreZone(zoneSums, zone, zPopulation, zNoRoad, zReached, zCovered, zTwice);
                }

                zone = z;
                threshold = EffectiveThreshold(zones[zone].ThresholdMs);
                int at = ScenarioSummary.WholeZoneSums * zone;
                (zPopulation, zNoRoad, zReached, zCovered, zTwice) = (zoneSums[at], zoneSums[at + 1], zoneSums[at + 2], zoneSums[at + 3], zoneSums[at + 4]);
            }

            long p = Unsafe.Add(ref peopleOf, c);
            int access = Unsafe.Add(ref accessOf, c);
            int road = (int)(best >> 32), road2 = (int)(second >> 32);

            // Masks, -1 or 0, without branches. PopulationCoverage caps an arrival (road + access leg) below Unreached,
            // leaves an unreached second at Unreached, and counts a cell covered when the arrival is within the standard,
            // twice when the second is too. Here the arrivals are not capped (both terms are below 2^31) and an unreached
            // second is pushed up by 2^40; the standard used instead (see EffectiveThreshold) gives the same answers.
            long snapped = ~access >> 31;
            long reached = snapped & ((road - Unreached) >> 63);
            long arrival = (long)road + access;
            long arrival2 = (long)road2 + access + (~((road2 - Unreached) >> 63) & (1L << 40));
            long covered = reached & ((arrival - threshold - 1) >> 63);
            long twice = covered & ((arrival2 - threshold - 1) >> 63);
            zPopulation += p;
            zNoRoad += p & ~snapped;
            zReached += p & reached;
            zCovered += p & covered;
            zTwice += p & twice;

            // The first base's sums; a cell no base reaches adds to one of the scratch entries past the bases (several,
            // so that a run of such cells does not wait on one entry's store).
            int at2 = ((ScenarioSummary.WholeBaseSums * (int)best) & (int)reached)
                | ((scratch + (ScenarioSummary.WholeBaseSums * (c & (ScenarioSummary.ScratchBases - 1)))) & ~(int)reached);
            ref long sums = ref Unsafe.Add(ref baseSum, at2); // at2 + 2 < baseSums.Length: the index is a base's or a scratch entry's
            sums += p;
            Unsafe.Add(ref sums, 1) += p & covered;
            Unsafe.Add(ref sums, 2) += p & covered & ~twice;
            word |= (ulong)(covered & 1) << c;
            Unsafe.Add(ref statusOf, c) = (byte)((~covered & reached & 1) | (2 & snapped & ~reached) | (3 & ~snapped));
            if ((c & 63) == 63)
            {
                bits[c >> 6] = word;
                word = 0;
            }
        }

        if ((n & 63) != 0)
        {
            bits[n >> 6] = word;
        }

        if (zone >= 0)
        {
            StoreZone(zoneSums, zone, zPopulation, zNoRoad, zReached, zCovered, zTwice);
        }

        return -1;

        // For x = road + access (road below Unreached; both below 2^31) and x2 = road2 + access, plus 2^40 when road2 is
        // Unreached: min(Unreached - 1, x) <= t  <=>  x <= T, and the second's test likewise, where T = t below
        // Unreached - 1, 2^39 at Unreached - 1 (every capped arrival passes, an unreached second does not) and 2^50 at
        // Unreached (an unreached second passes too, as Unreached <= Unreached).
        static long EffectiveThreshold(int t) =>
            t < SearchWorkspace.Unreached - 1 ? t : t == SearchWorkspace.Unreached - 1 ? 1L << 39 : 1L << 50;

        static void StoreZone(long[] sums, int zone, long population, long noRoad, long reached, long covered, long twice) =>
            (sums[ScenarioSummary.WholeZoneSums * zone], sums[(ScenarioSummary.WholeZoneSums * zone) + 1], sums[(ScenarioSummary.WholeZoneSums * zone) + 2],
                sums[(ScenarioSummary.WholeZoneSums * zone) + 3], sums[(ScenarioSummary.WholeZoneSums * zone) + 4]) = (population, noRoad, reached, covered, twice);
    }

    /// <summary>Fills the per-cell keys: the two smallest <c>(time + turnout) &lt;&lt; 32 | base</c> within the limit.</summary>
    private void Reduce(ReadOnlySpan<ScenarioBase> bases, int limitMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limitMs);
        if (limitMs > _columns.LimitMs)
        {
            throw new ArgumentOutOfRangeException(nameof(limitMs), limitMs,
                $"The columns reach {_columns.LimitMs} ms; compute them with a larger limit to evaluate at {limitMs} ms.");
        }

        foreach (var b in bases)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(b.Column, nameof(bases));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(b.Column, _columns.Count, nameof(bases));
            ArgumentOutOfRangeException.ThrowIfNegative(b.TurnoutMs, nameof(bases));
        }

        Slot[] slots = _slots;
        for (int j = 0; j < bases.Length; j++)
        {
            var column = _columns[bases[j].Column];
            long turnout = bases[j].TurnoutMs;
            if (turnout + column.MaxTimeMs <= limitMs)
            {
                MergeAll(column.CellArray, column.TimeArray, (turnout << 32) | (uint)j, slots);
            }
            else if (turnout <= limitMs)
            {
                MergeWithin(column.CellArray, column.TimeArray, turnout, limitMs - turnout, j, slots);
            }
        }
    }

    /// <summary>Every pair of the column is within the limit: no test.</summary>
    private static void MergeAll(int[] cells, int[] times, long offset, Slot[] slots)
    {
        // key = (time + turnout) << 32 | base  ==  (time << 32) + offset, since time + turnout < 2^31.
        for (int k = 0; k < cells.Length; k++)
        {
            Merge(ref slots[cells[k]], ((long)times[k] << 32) + offset);
        }
    }

    /// <summary>Pairs above <paramref name="maxTimeMs"/> (the limit minus the turnout) are skipped.</summary>
    private static void MergeWithin(int[] cells, int[] times, long turnout, long maxTimeMs, int j, Slot[] slots)
    {
        long offset = (turnout << 32) | (uint)j;
        for (int k = 0; k < cells.Length; k++)
        {
            // Beyond the limit the key becomes Empty, which merges as a no-op (no branch on the time).
            long beyond = (maxTimeMs - times[k]) >> 63;
            Merge(ref slots[cells[k]], (((long)times[k] << 32) + offset) | (beyond & Empty));
        }
    }

    /// <summary>
    /// Keeps the two smallest keys, without branches: which base is first at a cell is data, not a pattern a branch
    /// predictor can learn (the JIT does not turn min/max into conditional moves inside loops). All keys lie in
    /// [0, long.MaxValue], so the differences never overflow; <c>d &gt;&gt; 63</c> is -1 when <c>d &lt; 0</c>, else 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Merge(ref Slot slot, long key)
    {
        long d = key - slot.Best;
        long smaller = d & (d >> 63);      // key - best when key < best, else 0
        long high = key - smaller;         // the larger of key and best
        slot.Best += smaller;              // the smaller of key and best
        long e = high - slot.Second;
        slot.Second += e & (e >> 63);
    }

    /// <summary>The two smallest keys of a cell, side by side so a merge touches one cache line.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Slot
    {
        public long Best;
        public long Second;
    }
}
