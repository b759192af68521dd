using System.Diagnostics;
using EmsCoverage.Coverage;

namespace EmsCoverage.WhatIf;

/// <summary>
/// Placement seen as set coverage: for each candidate, the cells it would cover within their standard; per cell, how
/// many chosen or existing bases cover it; and an objective Σ population · g(bases covering the cell).
/// </summary>
/// <remarks>
/// <para>A base covers a cell when its road arrival plus turnout is within the column limit and, with the access leg,
/// within the cell's standard: exactly when <see cref="PopulationCoverage"/> would count the cell covered if that base
/// were the only one. A cell is covered when one base covers it and covered twice when two do, so the counts give
/// <see cref="ZoneCoverage.Covered"/> and <see cref="ZoneCoverage.CoveredTwice"/> of any choice of sites.</para>
/// <para>Layout: <c>_cover[j]</c> holds the cells candidate j covers, ascending (people only: cells with nobody are
/// left out). <c>_gain1[c] = population · (g₁(count + 1) − g₁(count))</c> is kept up to date, so a candidate's gain
/// is one gather-sum over its list. g₂ is the tie-break objective.</para>
/// </remarks>
internal sealed class CoverModel
{
    private readonly int[][] _cover;
    private readonly double[] _weight;
    private readonly int[] _count;
    private readonly double[] _delta1;
    private readonly double[] _delta2;
    private readonly double[] _value1;
    private readonly double[] _gain1;
    private readonly double[] _gain2;
    private readonly ParallelOptions _parallel;

    public CoverModel(ScenarioEvaluator evaluator, int[] cellZone, IReadOnlyList<ZoneStandard> allZones, IReadOnlyList<ScenarioBase> existing,
        IReadOnlyList<ScenarioBase> candidates, Func<int, double> g1, Func<int, double> g2, int maxCount, ParallelOptions parallel)
    {
        var columns = evaluator.Columns;
        var demand = evaluator.Demand;
        int n = columns.CellCount;
        int limitMs = columns.LimitMs;
        _parallel = parallel;
        Population = new double[n];
        _weight = new double[n];
        var budget = new long[n];
        for (int c = 0; c < n; c++)
        {
            double people = demand.Layer.Cells[c].Population;
            Population[c] = people;
            budget[c] = -1;
            if (demand.IsSnapped(c) && people > 0)
            {
                _weight[c] = people;
                budget[c] = Math.Min(limitMs, (long)allZones[cellZone[c]].ThresholdMs - demand.AccessMs(c));
            }
        }

        _cover = new int[candidates.Count][];
        Parallel.For(0, candidates.Count, parallel, j => _cover[j] = Covered(columns, candidates[j], budget));
        _count = new int[n];
        foreach (var b in existing)
        {
            foreach (int c in Covered(columns, b, budget))
            {
                _count[c]++;
            }
        }

        BaseCount = (int[])_count.Clone();
        _value1 = new double[maxCount + 2];
        _delta1 = new double[maxCount + 1];
        _delta2 = new double[maxCount + 1];
        for (int k = 0; k <= maxCount + 1; k++)
        {
            _value1[k] = g1(k);
        }

        for (int k = 0; k <= maxCount; k++)
        {
            _delta1[k] = g1(k + 1) - g1(k);
            _delta2[k] = g2(k + 1) - g2(k);
        }

        _gain1 = new double[n];
        _gain2 = new double[n];
        for (int c = 0; c < n; c++)
        {
            Refresh(c);
        }
    }

    /// <summary>Number of candidates.</summary>
    public int CandidateCount => _cover.Length;

    /// <summary>People per cell (all cells, covered or not).</summary>
    public double[] Population { get; }

    /// <summary>Per cell, the existing bases covering it.</summary>
    public int[] BaseCount { get; }

    /// <summary>Per cell, the existing and chosen bases covering it now.</summary>
    public ReadOnlySpan<int> Count => _count;

    /// <summary>Cells candidate <paramref name="j"/> covers.</summary>
    public ReadOnlySpan<int> CoverOf(int j) => _cover[j];

    /// <summary>The objective now: Σ population · g₁(count), in cell order.</summary>
    public double Objective()
    {
        double sum = 0;
        for (int c = 0; c < _count.Length; c++)
        {
            if (_weight[c] > 0)
            {
                sum += _weight[c] * _value1[Math.Min(_count[c], _value1.Length - 1)];
            }
        }

        return sum;
    }

    /// <summary>
    /// A cell-by-cell cap on the objective with <paramref name="k"/> more sites: every cell at its existing count plus
    /// as many new bases as could cover it (at most k). No choice of k candidates does better, whatever the objective.
    /// </summary>
    public double CellwiseCap(int k)
    {
        var coverers = new int[_count.Length];
        foreach (int[] cells in _cover)
        {
            foreach (int c in cells)
            {
                coverers[c]++;
            }
        }

        double sum = 0;
        for (int c = 0; c < coverers.Length; c++)
        {
            if (_weight[c] > 0)
            {
                sum += _weight[c] * _value1[Math.Min(BaseCount[c] + Math.Min(k, coverers[c]), _value1.Length - 1)];
            }
        }

        return sum;
    }

    /// <summary>What adding candidate <paramref name="j"/> now adds: (objective, tie-break objective).</summary>
    public (double Primary, double Secondary) Gain(int j)
    {
        double p = 0, s = 0;
        double[] g1 = _gain1, g2 = _gain2;
        foreach (int c in _cover[j])
        {
            p += g1[c];
            s += g2[c];
        }

        return (p, s);
    }

    /// <summary>Gains of every candidate now, in parallel (each candidate by one thread: the same for any thread count).</summary>
    public void AllGains(double[] primary, double[] secondary)
    {
        Parallel.For(0, _cover.Length, _parallel, j => (primary[j], secondary[j]) = Gain(j));
    }

    /// <summary>Adds a base at candidate <paramref name="j"/>.</summary>
    public void Add(int j)
    {
        foreach (int c in _cover[j])
        {
            _count[c]++;
            Refresh(c);
        }
    }

    /// <summary>Removes a base at candidate <paramref name="j"/> (added before).</summary>
    public void Remove(int j)
    {
        foreach (int c in _cover[j])
        {
            Debug.Assert(_count[c] > 0, "removing a base that was not added");
            _count[c]--;
            Refresh(c);
        }
    }

    private void Refresh(int c)
    {
        int k = Math.Min(_count[c], _delta1.Length - 1);
        _gain1[c] = _weight[c] * _delta1[k];
        _gain2[c] = _weight[c] * _delta2[k];
    }

    private static int[] Covered(TravelTimeColumns columns, ScenarioBase b, long[] budget)
    {
        var column = columns[b.Column];
        ReadOnlySpan<int> cells = column.Cells, times = column.TimesMs;
        long turnout = b.TurnoutMs;
        int n = 0;
        for (int k = 0; k < cells.Length; k++)
        {
            n += times[k] + turnout <= budget[cells[k]] ? 1 : 0;
        }

        var result = new int[n];
        n = 0;
        for (int k = 0; k < cells.Length; k++)
        {
            if (times[k] + turnout <= budget[cells[k]])
            {
                result[n++] = cells[k];
            }
        }

        return result;
    }
}
