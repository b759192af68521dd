using System.Diagnostics;
using EmsCoverage.Coverage;
using EmsCoverage.Graph;
using EmsCoverage.Snapping;

namespace EmsCoverage.WhatIf;

/// <summary>How travel-time columns are computed.</summary>
/// <param name="LimitMs">Bound of every column in ms of road time (turnout and access leg not included), more than 0
/// and at most 24 h. Scenarios can be evaluated at any limit up to this one; placement needs at least the largest
/// standard, the full coverage figures (population by minute up to 60 min) <see cref="PopulationCoverage.SearchLimitFor"/>.</param>
public sealed record TravelTimeColumnOptions(int LimitMs)
{
    /// <summary>Most columns computed at once; null: <see cref="ThreadLimit.MaxDegreeOfParallelism"/> (one per processor unless limited).</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>Contraction hierarchy of the network (e.g. loaded from the prepared file); null: built when the selection
    /// rule says it pays (docs/routing.md). It must belong to the network the columns are built on.</summary>
    public Routing.ContractionHierarchy? Hierarchy { get; init; }

    /// <summary>Bounded Dijkstra, hierarchy sweeps, or a choice per job (the default). All give identical columns.</summary>
    public ColumnMethod Method { get; init; } = ColumnMethod.Auto;
}

/// <summary>
/// Travel-time columns for a list of sites (bases and candidate sites) over one set of snapped demand cells: one
/// bounded search per site, kept so that scenarios and placement are min-reductions over columns, not new searches.
/// </summary>
/// <remarks>
/// <para>Columns are computed in parallel, one search workspace per worker; each column is computed by one worker
/// alone, so the result is the same, byte for byte, for any number of threads.</para>
/// <para>A set remembers which network and which demand snaps it was computed for (SHA-256 fingerprints), so a
/// stored set (<see cref="Write"/>, <see cref="Read"/>) is never applied to other inputs.</para>
/// </remarks>
public sealed class TravelTimeColumns
{
    private readonly SnapPoint[] _sites;
    private readonly TravelTimeColumn[] _columns;

    internal TravelTimeColumns(SnapPoint[] sites, TravelTimeColumn[] columns, int cellCount, int limitMs, string networkSha256,
        string demandSha256, int computedCount)
    {
        Debug.Assert(sites.Length == columns.Length, "one column per site");
        _sites = sites;
        _columns = columns;
        CellCount = cellCount;
        LimitMs = limitMs;
        NetworkSha256 = networkSha256;
        DemandSha256 = demandSha256;
        ComputedCount = computedCount;
    }

    /// <summary>Number of columns (one per site, in the order the sites were given).</summary>
    public int Count => _columns.Length;

    /// <summary>Number of demand cells the columns index into.</summary>
    public int CellCount { get; }

    /// <summary>The bound of every column in ms of road time.</summary>
    public int LimitMs { get; }

    /// <summary>The sites, in column order.</summary>
    public IReadOnlyList<SnapPoint> Sites => _sites;

    /// <summary>Lower-case hex SHA-256 fingerprint of the road network the columns were computed on.</summary>
    public string NetworkSha256 { get; }

    /// <summary>Lower-case hex SHA-256 fingerprint of the demand cells' snap points.</summary>
    public string DemandSha256 { get; }

    /// <summary>How many columns were computed by searches when this set was built (the others were reused or read).</summary>
    public int ComputedCount { get; }

    /// <summary>Total (cell, time) pairs over all columns.</summary>
    public long EntryCount
    {
        get
        {
            long n = 0;
            foreach (var c in _columns)
            {
                n += c.Count;
            }

            return n;
        }
    }

    /// <summary>Bytes held by the columns' arrays (8 bytes per pair).</summary>
    public long MemoryBytes => 8 * EntryCount;

    /// <summary>The column of site <paramref name="site"/>.</summary>
    public TravelTimeColumn this[int site] => _columns[site];

    /// <summary>
    /// Computes the columns of <paramref name="sites"/> over <paramref name="demand"/>.
    /// </summary>
    /// <param name="network">The road network the sites and cells are snapped to.</param>
    /// <param name="demand">The demand cells, snapped once.</param>
    /// <param name="sites">The sites; duplicates are allowed (they share one search).</param>
    /// <param name="options">The limit and the parallelism.</param>
    /// <param name="reuse">Columns computed earlier on the same network and demand: a site found there (same arc and
    /// position) is taken from it, cut to the new limit, instead of searched again. Its limit must be at least as large.</param>
    /// <param name="progress">Receives the number of columns finished so far (from worker threads).</param>
    /// <param name="cancellationToken">Checked before each search.</param>
    /// <exception cref="ArgumentOutOfRangeException">The limit is not in (0, 24 h], or a site's arc is not in the network.</exception>
    /// <exception cref="ArgumentException"><paramref name="reuse"/> belongs to another network or demand.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static TravelTimeColumns Build(RoadNetwork network, SnappedDemand demand, IReadOnlyList<SnapPoint> sites,
        TravelTimeColumnOptions options, TravelTimeColumns? reuse = null, IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.LimitMs, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.LimitMs, MaxLimitMs, nameof(options));
        foreach (var s in sites)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(s.Arc, nameof(sites));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(s.Arc, network.ArcCount, nameof(sites));
            if (!(s.Fraction >= 0 && s.Fraction <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(sites), s.Fraction, "A site's fraction along its arc must be between 0 and 1.");
            }
        }

        string networkSha = InputFingerprint.Network(network);
        string demandSha = InputFingerprint.Demand(demand);
        if (reuse is not null && (reuse.NetworkSha256 != networkSha || reuse.DemandSha256 != demandSha))
        {
            throw new ArgumentException("The columns to reuse were computed for another network or other demand cells.", nameof(reuse));
        }

        // One search per distinct site position; reused columns first.
        var siteArray = sites.ToArray();
        var columns = new TravelTimeColumn[siteArray.Length];
        var firstOf = new Dictionary<(int Arc, double Fraction), int>();
        var reusable = new Dictionary<(int Arc, double Fraction), TravelTimeColumn>();
        if (reuse is not null && reuse.LimitMs >= options.LimitMs)
        {
            for (int i = 0; i < reuse.Count; i++)
            {
                reusable.TryAdd(Key(reuse._sites[i]), reuse._columns[i]);
            }
        }

        var toSearch = new List<int>();
        for (int i = 0; i < siteArray.Length; i++)
        {
            var key = Key(siteArray[i]);
            if (reusable.TryGetValue(key, out var old))
            {
                columns[i] = old.Truncate(options.LimitMs);
            }
            else if (!firstOf.ContainsKey(key))
            {
                firstOf[key] = i;
                toSearch.Add(i);
            }
        }

        if (toSearch.Count > 0)
        {
            var engine = new ColumnEngine(network, demand, options.LimitMs, options.Hierarchy);
            var parallel = new ParallelOptions
            {
                CancellationToken = cancellationToken,
                MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? ThreadLimit.MaxDegreeOfParallelism,
            };
            engine.ComputeAll(siteArray, toSearch, columns, options.Method, parallel, progress);
        }

        for (int i = 0; i < siteArray.Length; i++)
        {
            columns[i] ??= columns[firstOf[Key(siteArray[i])]];
        }

        return new TravelTimeColumns(siteArray, columns, demand.Layer.Cells.Count, options.LimitMs, networkSha, demandSha, toSearch.Count);
    }

    /// <summary>Index of the first column whose site lies at the same arc and position as <paramref name="site"/>, or -1.</summary>
    public int IndexOf(SnapPoint site)
    {
        for (int i = 0; i < _sites.Length; i++)
        {
            if (Key(_sites[i]) == Key(site))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Stores the set atomically (a temporary file in the same folder replaces <paramref name="path"/>): versioned,
    /// with the input fingerprints and a SHA-256 of the content. Layout in docs/whatif.md.
    /// </summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public void Write(string path) => TravelTimeColumnFile.Write(this, path);

    /// <summary>
    /// Reads a stored set and checks that it belongs to <paramref name="network"/> and <paramref name="demand"/>.
    /// </summary>
    /// <exception cref="Diagnostics.InputDataException">The file is missing, not a column file, of another format
    /// version, truncated or corrupt (checksum), or was computed for another network or other demand cells.</exception>
    public static TravelTimeColumns Read(string path, RoadNetwork network, SnappedDemand demand) =>
        TravelTimeColumnFile.Read(path, network, demand);

    /// <summary>Largest accepted limit: 24 h.</summary>
    internal const int MaxLimitMs = 24 * 3_600_000;

    internal ReadOnlySpan<SnapPoint> SiteSpan => _sites;

    internal static (int Arc, double Fraction) Key(SnapPoint s) => (s.Arc, s.Fraction);
}
