using EmsCoverage.Search;

namespace EmsCoverage.WhatIf;

/// <summary>
/// The drive times from one site (a base or a candidate) to the demand cells it reaches: a sparse column of
/// (cell, time) pairs, cells in ascending order.
/// </summary>
/// <remarks>
/// A time is the road arrival at the cell's snap point in ms, with no turnout and no access leg: exactly what
/// <see cref="SourceSet.Evaluate"/> gives for the site alone with a start delay of zero. Turnout is added when a
/// scenario is evaluated, so changing a base's turnout needs no new search; the access leg is added per cell by
/// <see cref="Coverage.PopulationCoverage"/>. Cells not listed are not reached within the column set's limit.
/// </remarks>
public sealed class TravelTimeColumn
{
    private readonly int[] _cells;
    private readonly int[] _timesMs;

    internal TravelTimeColumn(int[] cells, int[] timesMs, int maxTimeMs)
    {
        _cells = cells;
        _timesMs = timesMs;
        MaxTimeMs = maxTimeMs;
    }

    /// <summary>Number of cells reached.</summary>
    public int Count => _cells.Length;

    /// <summary>Indices of the cells reached, ascending.</summary>
    public ReadOnlySpan<int> Cells => _cells;

    /// <summary>Road arrival in ms at each cell of <see cref="Cells"/> (same order).</summary>
    public ReadOnlySpan<int> TimesMs => _timesMs;

    /// <summary>The largest time in the column (0 when empty).</summary>
    public int MaxTimeMs { get; }

    /// <summary>Bytes of the column's arrays.</summary>
    public long MemoryBytes => 8L * _cells.Length;

    internal int[] CellArray => _cells;

    internal int[] TimeArray => _timesMs;

    /// <summary>Road arrival at <paramref name="cell"/> in ms, or <see cref="SearchWorkspace.Unreached"/>.</summary>
    public int TimeMsAt(int cell)
    {
        int k = Array.BinarySearch(_cells, cell);
        return k >= 0 ? _timesMs[k] : SearchWorkspace.Unreached;
    }

    /// <summary>The column cut at <paramref name="limitMs"/> (itself when nothing is above it).</summary>
    internal TravelTimeColumn Truncate(int limitMs)
    {
        if (MaxTimeMs <= limitMs)
        {
            return this;
        }

        int n = 0;
        foreach (int t in _timesMs)
        {
            n += t <= limitMs ? 1 : 0;
        }

        var cells = new int[n];
        var times = new int[n];
        int k = 0, max = 0;
        for (int i = 0; i < _cells.Length; i++)
        {
            if (_timesMs[i] <= limitMs)
            {
                cells[k] = _cells[i];
                times[k++] = _timesMs[i];
                max = Math.Max(max, _timesMs[i]);
            }
        }

        return new TravelTimeColumn(cells, times, max);
    }
}
