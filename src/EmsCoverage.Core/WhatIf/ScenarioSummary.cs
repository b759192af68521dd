using System.Numerics;
using EmsCoverage.Coverage;

namespace EmsCoverage.WhatIf;

/// <summary>A scenario's population figures for one zone (or all zones together), without the by-minute curve.</summary>
/// <param name="ThresholdMs">The zone's standard in ms (for all zones together: -1).</param>
/// <param name="Population">Everyone living in the zone.</param>
/// <param name="Covered">Reached within the standard.</param>
/// <param name="BeyondStandard">Reached, but later than the standard.</param>
/// <param name="NotReachableByRoad">Near a road no base reaches within the limit.</param>
/// <param name="NoRoadNearby">Farther than the maximum snap distance from any road.</param>
/// <param name="CoveredTwice">Reached within the standard by two different bases (redundancy).</param>
/// <remarks>Each figure is the same double as the field of the same name of <see cref="ZoneCoverage"/>.</remarks>
public readonly record struct ZoneFigures(int ThresholdMs, double Population, double Covered, double BeyondStandard,
    double NotReachableByRoad, double NoRoadNearby, double CoveredTwice)
{
    /// <summary>Share of the zone's people covered (0–1; 0 when nobody lives there).</summary>
    public double CoveredShare => Population > 0 ? Covered / Population : 0;
}

/// <summary>A scenario's population figures for one base (the same doubles as <see cref="BaseCoverage"/>).</summary>
/// <param name="Nearest">People for whom this base arrives first.</param>
/// <param name="NearestAndCovered">Of those, people it reaches within their standard.</param>
/// <param name="LostIfUnavailable">People covered now who would not be if this base were unavailable (N-1): it is
/// their only base within the standard. Removing the base lowers the covered population by exactly these people.</param>
public readonly record struct BaseFigures(double Nearest, double NearestAndCovered, double LostIfUnavailable);

/// <summary>
/// The figures of one scenario, filled by <see cref="ScenarioEvaluator.Summarize"/> without per-cell objects: covered
/// population per zone and overall, beyond standard, not reachable, no road nearby, covered twice, N-1 per base, and
/// each cell's status (a covered bit set and one byte per cell) for comparing scenarios.
/// </summary>
/// <remarks>
/// <para>Every figure equals, to the last bit, the figure of the same name of the <see cref="PopulationCoverage"/> that
/// <see cref="ScenarioEvaluator.Evaluate"/> (or a multi-source search) gives for the same scenario: the same cells are
/// summed in the same order with the same tests. Only the population-by-minute curve and the per-cell times are left out.</para>
/// <para>A summary is a set of reusable buffers: each <see cref="ScenarioEvaluator.Summarize"/> overwrites it, and after
/// the first call with as many zones and bases it allocates nothing. Keep one per scenario you want to compare (e.g. the
/// baseline). Not thread-safe.</para>
/// </remarks>
public sealed class ScenarioSummary
{
    private readonly double[] _population;
    private readonly ulong[] _coveredBits;
    private readonly byte[] _status;
    private IReadOnlyList<ZoneStandard> _zones = [];
    private ZoneStandard? _defaultStandard;
    private int _zoneCount;
    private int _baseCount;
    private ZoneFigures[] _figures = [];
    private BaseFigures[] _baseFigures = [];

    /// <summary>Creates empty buffers for the demand cells of <paramref name="evaluator"/> (sized once, here).</summary>
    public ScenarioSummary(ScenarioEvaluator evaluator)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        _population = evaluator.CellPopulation;
        _coveredBits = new ulong[(_population.Length + 63) / 64];
        _status = new byte[_population.Length];
        Evaluator = evaluator;
    }

    /// <summary>The evaluator this summary is filled by.</summary>
    public ScenarioEvaluator Evaluator { get; }

    /// <summary>Number of demand cells.</summary>
    public int CellCount => _status.Length;

    /// <summary>True once a scenario has been summarised into these buffers.</summary>
    public bool IsFilled => _defaultStandard is not null;

    /// <summary>The limit the arrivals were bounded by, in ms.</summary>
    public int LimitMs { get; private set; }

    /// <summary>Number of zones, the default zone (last) included.</summary>
    public int ZoneCount => _zoneCount;

    /// <summary>Number of bases of the scenario.</summary>
    public int BaseCount => _baseCount;

    /// <summary>Per zone, in the order of the zones given, the default zone last.</summary>
    public ReadOnlySpan<ZoneFigures> ByZone => _figures.AsSpan(0, _zoneCount);

    /// <summary>All zones together (<see cref="ZoneFigures.ThresholdMs"/> -1).</summary>
    public ZoneFigures Overall { get; private set; }

    /// <summary>Per base (position in the scenario's bases).</summary>
    public ReadOnlySpan<BaseFigures> ByBase => _baseFigures.AsSpan(0, _baseCount);

    /// <summary>Bit <c>c % 64</c> of word <c>c / 64</c> is set when cell c is covered (bits past the last cell are 0).</summary>
    public ReadOnlySpan<ulong> CoveredCells => _coveredBits;

    /// <summary>The zone and standard of zone <paramref name="zone"/> (the last is the default standard).</summary>
    public ZoneStandard Zone(int zone)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(zone);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(zone, _zoneCount);
        return zone < _zoneCount - 1 ? _zones[zone] : _defaultStandard!;
    }

    /// <summary>True when cell <paramref name="cell"/> is covered within its zone's standard.</summary>
    public bool IsCovered(int cell) => (_coveredBits[cell >> 6] & (1UL << cell)) != 0;

    /// <summary>Why cell <paramref name="cell"/> is or is not covered (the <see cref="CellResult.Status"/> of the full figures).</summary>
    public CellStatus StatusOf(int cell) => (CellStatus)_status[cell];

    /// <summary>
    /// People covered here and not in <paramref name="before"/> (gained), and covered there and not here (lost), summed
    /// in cell order. Allocation-free; costs a pass over the bit sets plus one step per cell whose status changed.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="before"/> is over other demand cells, or one of the two is not filled.</exception>
    public (double Gained, double Lost) CoverageChangeFrom(ScenarioSummary before)
    {
        ArgumentNullException.ThrowIfNull(before);
        if (!ReferenceEquals(before._population, _population) || !IsFilled || !before.IsFilled)
        {
            throw new ArgumentException("Both summaries must be filled, over the same demand cells.", nameof(before));
        }

        double gained = 0, lost = 0;
        ulong[] now = _coveredBits, then = before._coveredBits;
        double[] people = _population;
        for (int w = 0; w < now.Length; w++)
        {
            for (ulong g = now[w] & ~then[w]; g != 0; g &= g - 1)
            {
                gained += people[(w << 6) + BitOperations.TrailingZeroCount(g)];
            }

            for (ulong l = then[w] & ~now[w]; l != 0; l &= l - 1)
            {
                lost += people[(w << 6) + BitOperations.TrailingZeroCount(l)];
            }
        }

        return (gained, lost);
    }

    /// <summary>Per zone accumulators, default zone last (grown on demand).</summary>
    internal ZoneTally[] Zones = [];

    /// <summary>Integer sums per zone when the populations are whole numbers: population, no road nearby, reached,
    /// covered, covered twice.</summary>
    internal const int WholeZoneSums = 5;

    /// <summary>Integer sums per base when the populations are whole numbers: nearest, nearest and covered, lost if unavailable.</summary>
    internal const int WholeBaseSums = 3;

    /// <summary>Integer zone sums (<see cref="WholeZoneSums"/> per zone; grown on demand).</summary>
    internal long[] WholeZones = [];

    /// <summary>Integer base sums (<see cref="WholeBaseSums"/> per base, then the scratch entries; grown on demand).</summary>
    internal long[] WholeBases = [];

    /// <summary>Entries past the bases that cells no base reaches add to (ignored).</summary>
    internal const int ScratchBases = 8;

    /// <summary>Per base accumulators, then <see cref="ScratchBases"/> scratch entries (grown on demand).</summary>
    internal BaseTally[] Bases = [];

    internal double[] Population => _population;

    internal ulong[] CoveredBits => _coveredBits;

    internal byte[] Status => _status;

    /// <summary>Readies the accumulators for a scenario; allocates only when there are more zones or bases than before.</summary>
    internal void Begin(IReadOnlyList<ZoneStandard> zones, ZoneStandard defaultStandard, int baseCount, int limitMs)
    {
        _zoneCount = zones.Count + 1;
        _baseCount = baseCount;
        if (Zones.Length < _zoneCount)
        {
            Zones = new ZoneTally[_zoneCount];
            _figures = new ZoneFigures[_zoneCount];
        }

        if (Bases.Length < baseCount + ScratchBases)
        {
            Bases = new BaseTally[baseCount + ScratchBases];
            _baseFigures = new BaseFigures[baseCount];
        }

        if (WholeZones.Length < WholeZoneSums * _zoneCount)
        {
            WholeZones = new long[WholeZoneSums * _zoneCount];
        }

        if (WholeBases.Length < WholeBaseSums * (baseCount + ScratchBases))
        {
            WholeBases = new long[WholeBaseSums * (baseCount + ScratchBases)];
        }

        Zones.AsSpan(0, _zoneCount).Clear();
        Bases.AsSpan(0, baseCount + ScratchBases).Clear();
        WholeZones.AsSpan(0, WholeZoneSums * _zoneCount).Clear();
        WholeBases.AsSpan(0, WholeBaseSums * (baseCount + ScratchBases)).Clear();
        for (int z = 0; z < _zoneCount - 1; z++)
        {
            Zones[z].ThresholdMs = zones[z].ThresholdMs;
        }

        Zones[_zoneCount - 1].ThresholdMs = defaultStandard.ThresholdMs;
        _zones = zones;
        _defaultStandard = defaultStandard;
        LimitMs = limitMs;
    }

    /// <summary>Marks the buffers as not holding a scenario (an evaluation failed half-way).</summary>
    internal void Invalidate()
    {
        _defaultStandard = null;
        _zoneCount = 0;
        _baseCount = 0;
    }

    /// <summary>Publishes the zones and sums them into <see cref="Overall"/>, in zone order as <see cref="PopulationCoverage"/> does.</summary>
    /// <param name="whole">The sums were made in integers (<see cref="WholeZones"/>, <see cref="WholeBases"/>): every
    /// one of them is at most 2^53, so each converts to the double that adding the same whole numbers gives.</param>
    internal void End(bool whole)
    {
        if (whole)
        {
            for (int k = 0; k < _zoneCount; k++)
            {
                ReadOnlySpan<long> w = WholeZones.AsSpan(WholeZoneSums * k, WholeZoneSums);
                ref var t = ref Zones[k];
                (t.Population, t.NoRoadNearby, t.NotReachableByRoad, t.Covered, t.BeyondStandard, t.CoveredTwice) =
                    (w[0], w[1], w[0] - w[1] - w[2], w[3], w[2] - w[3], w[4]);
            }

            for (int b = 0; b < _baseCount; b++)
            {
                ReadOnlySpan<long> w = WholeBases.AsSpan(WholeBaseSums * b, WholeBaseSums);
                Bases[b] = new BaseTally { Nearest = w[0], NearestAndCovered = w[1], LostIfUnavailable = w[2] };
            }
        }

        double population = 0, covered = 0, beyond = 0, unreachable = 0, noRoad = 0, twice = 0;
        for (int k = 0; k < _zoneCount; k++)
        {
            ref readonly var z = ref Zones[k];
            _figures[k] = z.ToFigures();
            population += z.Population;
            covered += z.Covered;
            beyond += z.BeyondStandard;
            unreachable += z.NotReachableByRoad;
            noRoad += z.NoRoadNearby;
            twice += z.CoveredTwice;
        }

        Overall = new ZoneFigures(-1, population, covered, beyond, unreachable, noRoad, twice);
        for (int b = 0; b < _baseCount; b++)
        {
            ref readonly var t = ref Bases[b];
            _baseFigures[b] = new BaseFigures(t.Nearest, t.NearestAndCovered, t.LostIfUnavailable);
        }
    }

    /// <summary>A base's running sums.</summary>
    internal struct BaseTally
    {
        public double Nearest;
        public double NearestAndCovered;
        public double LostIfUnavailable;
    }

    /// <summary>A zone's running sums.</summary>
    internal struct ZoneTally
    {
        public int ThresholdMs;
        public double Population;
        public double Covered;
        public double BeyondStandard;
        public double NotReachableByRoad;
        public double NoRoadNearby;
        public double CoveredTwice;

        public readonly ZoneFigures ToFigures() =>
            new(ThresholdMs, Population, Covered, BeyondStandard, NotReachableByRoad, NoRoadNearby, CoveredTwice);
    }
}
