using System.Globalization;
using EmsCoverage.Coverage;

namespace EmsCoverage.WhatIf;

/// <summary>
/// Chooses new base sites among candidates, keeping the existing bases, from cached travel-time columns.
/// </summary>
/// <remarks>
/// <para>All methods work on who each candidate covers within the cell's own zone standard (see
/// <see cref="PlacementMethod"/>). Every choice is deterministic: gains are sums in cell order, each computed by one
/// thread, and ties go to the lower candidate index after the tie-break objective.</para>
/// <para>Greedy for a monotone submodular objective (maximal and expected covering) is lazy (Minoux): a candidate's
/// gain only shrinks as sites are added, so a stale gain is an upper bound and most candidates are never re-evaluated.
/// The same stale gains give the bound reported: the optimum is at most the objective after any greedy step plus the
/// k largest stale gains then, and at most before + (greedy − before) / (1 − 1/e) (Nemhauser, Wolsey and Fisher 1978);
/// for every method it is at most the objective with each cell covered by as many bases as can reach it. The
/// smallest is reported.</para>
/// </remarks>
public static class StationPlacement
{
    private static readonly double OneMinusInverseE = 1 - (1 / Math.E);

    /// <summary>Chooses sites.</summary>
    /// <param name="evaluator">Evaluator over columns holding the existing bases and the candidates.</param>
    /// <param name="cellZone">Zone index per cell, or -1 for the default zone.</param>
    /// <param name="zones">Zones with their standards.</param>
    /// <param name="defaultStandard">Standard outside every zone.</param>
    /// <param name="existing">The bases kept in any case.</param>
    /// <param name="candidates">The candidate sites (a column and a turnout each).</param>
    /// <param name="options">Method, number of sites and the method's parameters.</param>
    /// <param name="progress">Receives the number of sites chosen so far.</param>
    /// <param name="cancellationToken">Checked between steps.</param>
    /// <exception cref="ArgumentException">An option is out of range, a column index is not in the columns, or the set
    /// covering targets do not match the zones.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static PlacementResult Optimize(ScenarioEvaluator evaluator, ReadOnlySpan<int> cellZone, IReadOnlyList<ZoneStandard> zones,
        ZoneStandard defaultStandard, IReadOnlyList<ScenarioBase> existing, IReadOnlyList<ScenarioBase> candidates, PlacementOptions options,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(zones);
        ArgumentNullException.ThrowIfNull(defaultStandard);
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.SiteCount, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxSwapPasses, nameof(options));
        if (!(options.BusyFraction >= 0 && options.BusyFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.BusyFraction, "The busy fraction must be at least 0 and less than 1.");
        }

        int cellCount = evaluator.Columns.CellCount;
        if (cellZone.Length != cellCount)
        {
            throw new ArgumentException("One zone index is needed per demand cell.", nameof(cellZone));
        }

        var allZones = zones.Append(defaultStandard).ToArray();
        var zoneOf = new int[cellCount];
        for (int c = 0; c < cellCount; c++)
        {
            int z = cellZone[c] < 0 ? allZones.Length - 1 : cellZone[c];
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(z, allZones.Length, nameof(cellZone));
            zoneOf[c] = z;
        }

        foreach (var b in existing.Concat(candidates))
        {
            ArgumentOutOfRangeException.ThrowIfNegative(b.Column, nameof(candidates));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(b.Column, evaluator.Columns.Count, nameof(candidates));
            ArgumentOutOfRangeException.ThrowIfNegative(b.TurnoutMs, nameof(candidates));
        }

        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? ThreadLimit.MaxDegreeOfParallelism };
        int maxCount = existing.Count + options.SiteCount + 1;
        double q = options.BusyFraction;
        Func<int, double> covered = n => n >= 1 ? 1 : 0;
        Func<int, double> twice = n => n >= 2 ? 1 : 0;
        var (primary, secondary) = options.Method switch
        {
            PlacementMethod.MaximalCovering or PlacementMethod.SetCovering => (covered, twice),
            PlacementMethod.BackupCoverage => (twice, covered),
            PlacementMethod.ExpectedCoverage => (n => 1 - Math.Pow(q, n), covered),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Method, "Unknown placement method."),
        };

        double[]? targets = options.Method == PlacementMethod.SetCovering ? TargetShares(options, allZones.Length) : null;
        var model = new CoverModel(evaluator, zoneOf, allZones, existing, candidates, primary, secondary, maxCount, parallel);
        var search = new Search(model, options, progress, cancellationToken);
        var outcome = targets is not null
            ? search.SetCovering(zoneOf, allZones.Length, targets)
            : search.MaximiseWithSwaps(submodular: options.Method != PlacementMethod.BackupCoverage);

        // What each site adds, replayed in order from the existing bases alone.
        var sites = Replay(model, outcome.Chosen);
        var baseList = existing.ToList();
        var before = evaluator.Evaluate([.. baseList], cellZone, zones, defaultStandard, evaluator.Columns.LimitMs);
        baseList.AddRange(outcome.Chosen.Select(j => candidates[j]));
        var after = evaluator.Evaluate([.. baseList], cellZone, zones, defaultStandard, evaluator.Columns.LimitMs);
        return new PlacementResult
        {
            Method = options.Method,
            Sites = sites,
            ObjectiveBefore = outcome.Before,
            Objective = outcome.After,
            GreedyObjective = outcome.Greedy,
            UpperBound = outcome.Bound,
            BoundNote = outcome.BoundNote,
            Swaps = outcome.Swaps,
            IsSwapOptimal = outcome.SwapOptimal,
            TargetsMet = outcome.TargetsMet,
            MinimumSitesLowerBound = outcome.LowerBound,
            Before = before,
            After = after,
        };
    }

    private static double[] TargetShares(PlacementOptions options, int zoneCount)
    {
        var targets = options.TargetShares
            ?? throw new ArgumentException("Set covering needs a target share per zone (PlacementOptions.TargetShares).", nameof(options));
        if (targets.Count != zoneCount || targets.Any(t => !(t >= 0 && t <= 1)))
        {
            throw new ArgumentException($"Set covering needs {zoneCount} target shares between 0 and 1 (one per zone, the default zone last).", nameof(options));
        }

        return [.. targets];
    }

    private static PlacedSite[] Replay(CoverModel model, List<int> chosen)
    {
        foreach (int j in chosen)
        {
            model.Remove(j);
        }

        var result = new PlacedSite[chosen.Count];
        for (int i = 0; i < chosen.Count; i++)
        {
            int j = chosen[i];
            double once = 0, twice = 0;
            foreach (int c in model.CoverOf(j))
            {
                int n = model.Count[c];
                once += n == 0 ? model.Population[c] : 0;
                twice += n == 1 ? model.Population[c] : 0;
            }

            double added = model.Gain(j).Primary;
            model.Add(j);
            result[i] = new PlacedSite(j, added, once, twice, 0);
        }

        for (int i = 0; i < chosen.Count; i++)
        {
            model.Remove(chosen[i]);
            double lost = model.Gain(chosen[i]).Primary;
            model.Add(chosen[i]);
            result[i] = result[i] with { ObjectiveLostIfRemoved = lost };
        }

        return result;
    }

    private sealed record Outcome(List<int> Chosen, double Before, double Greedy, double After, double? Bound, string BoundNote,
        int Swaps, bool SwapOptimal, bool? TargetsMet, int? LowerBound);

    /// <summary>The greedy, swap and set-covering searches over one <see cref="CoverModel"/>.</summary>
    private sealed class Search(CoverModel model, PlacementOptions options, IProgress<int>? progress, CancellationToken ct)
    {
        private readonly double[] _p = new double[model.CandidateCount];
        private readonly double[] _s = new double[model.CandidateCount];

        public Outcome MaximiseWithSwaps(bool submodular)
        {
            int k = options.SiteCount;
            double before = model.Objective();
            var chosen = new List<int>();
            var inSet = new bool[model.CandidateCount];
            double bestBound = double.PositiveInfinity;
            string boundNote;
            if (submodular)
            {
                bestBound = LazyGreedy(k, chosen, inSet);
                boundNote = "the smallest of: the objective after a greedy step plus the k largest gains then (gains only shrink), " +
                    "before + (greedy - before) / (1 - 1/e), and every cell covered by as many bases as can reach it";
            }
            else
            {
                PlainGreedy(k, chosen, inSet);

                // Backup: a cell newly covered twice needs at least one new base covering it, so the gain is at most the
                // sum over the k chosen of their people not yet covered twice.
                var reach = new double[model.CandidateCount];
                for (int j = 0; j < reach.Length; j++)
                {
                    foreach (int c in model.CoverOf(j))
                    {
                        reach[j] += model.BaseCount[c] < 2 ? model.Population[c] : 0;
                    }
                }

                bestBound = before + reach.OrderDescending().Take(k).Sum();
                boundNote = "the smaller of: before + the k largest numbers of people a candidate reaches who are not yet covered twice, " +
                    "and every cell covered by as many bases as can reach it (backup coverage is not submodular: no greedy guarantee)";
            }

            double greedy = model.Objective();
            if (submodular && chosen.Count > 0)
            {
                bestBound = Math.Min(bestBound, before + ((greedy - before) / OneMinusInverseE));
            }

            bestBound = Math.Min(bestBound, model.CellwiseCap(k));

            int swaps = 0;
            bool optimal = chosen.Count == 0;
            if (options.LocalSearch && chosen.Count > 0)
            {
                (swaps, optimal) = SwapSearch(chosen, inSet);
            }

            double after = model.Objective();
            bestBound = Math.Max(bestBound, after); // guard against rounding: a bound is never below an answer found
            return new Outcome(chosen, before, greedy, after, chosen.Count == 0 ? after : bestBound, boundNote, swaps, optimal, null, null);
        }

        /// <summary>Lazy greedy; returns the best bound seen.</summary>
        private double LazyGreedy(int k, List<int> chosen, bool[] inSet)
        {
            model.AllGains(_p, _s);
            var heap = new PriorityQueue<int, (double Gain, int Index)>(Comparer<(double Gain, int Index)>.Create(
                (a, b) => a.Gain != b.Gain ? b.Gain.CompareTo(a.Gain) : a.Index.CompareTo(b.Index)));
            for (int j = 0; j < _p.Length; j++)
            {
                heap.Enqueue(j, (_p[j], j));
            }

            double bound = double.PositiveInfinity;
            var top = new List<(int J, (double Gain, int Index) Key)>();
            for (int step = 0; step < k && heap.Count > 0; step++)
            {
                ct.ThrowIfCancellationRequested();
                bound = Math.Min(bound, model.Objective() + TopSum(heap, k, top));
                int pick = PopBest(heap);
                chosen.Add(pick);
                inSet[pick] = true;
                model.Add(pick);
                progress?.Report(chosen.Count);
            }

            return Math.Min(bound, model.Objective() + TopSum(heap, k, top));
        }

        /// <summary>Sum of the k largest stale gains in the heap (left as it was).</summary>
        private static double TopSum(PriorityQueue<int, (double Gain, int Index)> heap, int k, List<(int J, (double Gain, int Index) Key)> buffer)
        {
            buffer.Clear();
            double sum = 0;
            while (buffer.Count < k && heap.TryDequeue(out int j, out var key))
            {
                buffer.Add((j, key));
                sum += Math.Max(0, key.Gain);
            }

            foreach (var (j, key) in buffer)
            {
                heap.Enqueue(j, key);
            }

            return sum;
        }

        /// <summary>
        /// Pops the candidate with the largest current gain (ties: larger tie-break gain, then lower index), re-evaluating
        /// lazily: a stale gain is an upper bound, so once a fresh gain is at least every other stale one, only candidates
        /// whose stale gain equals or exceeds it can tie or win; those are re-evaluated too.
        /// </summary>
        private int PopBest(PriorityQueue<int, (double Gain, int Index)> heap)
        {
            while (true)
            {
                int j = heap.Dequeue();
                var (p, s) = model.Gain(j);
                if (heap.Count > 0 && heap.TryPeek(out _, out var next) && next.Gain > p)
                {
                    heap.Enqueue(j, (p, j));
                    continue;
                }

                int best = j;
                double bestP = p, bestS = s;
                var rivals = new List<int>();
                while (heap.TryPeek(out int r, out var key) && key.Gain >= bestP)
                {
                    heap.Dequeue();
                    rivals.Add(r);
                }

                var fresh = new (double P, double S)[rivals.Count];
                for (int i = 0; i < rivals.Count; i++)
                {
                    fresh[i] = model.Gain(rivals[i]);
                    if (Better(fresh[i].P, fresh[i].S, rivals[i], bestP, bestS, best))
                    {
                        (best, bestP, bestS) = (rivals[i], fresh[i].P, fresh[i].S);
                    }
                }

                if (best != j)
                {
                    heap.Enqueue(j, (p, j));
                }

                for (int i = 0; i < rivals.Count; i++)
                {
                    if (rivals[i] != best)
                    {
                        heap.Enqueue(rivals[i], (fresh[i].P, rivals[i]));
                    }
                }

                return best;
            }
        }

        private void PlainGreedy(int k, List<int> chosen, bool[] inSet)
        {
            for (int step = 0; step < k && chosen.Count < model.CandidateCount; step++)
            {
                ct.ThrowIfCancellationRequested();
                model.AllGains(_p, _s);
                int pick = ArgBest(inSet, allowed: -1);
                chosen.Add(pick);
                inSet[pick] = true;
                model.Add(pick);
                progress?.Report(chosen.Count);
            }
        }

        /// <summary>Best candidate by (gain, tie-break gain, lower index) among those not in the set, plus <paramref name="allowed"/>.</summary>
        private int ArgBest(bool[] inSet, int allowed)
        {
            int best = -1;
            for (int j = 0; j < _p.Length; j++)
            {
                if ((!inSet[j] || j == allowed) && (best < 0 || Better(_p[j], _s[j], j, _p[best], _s[best], best)))
                {
                    best = j;
                }
            }

            return best;
        }

        private static bool Better(double p, double s, int j, double bestP, double bestS, int best) =>
            p > bestP || (p == bestP && (s > bestS || (s == bestS && j < best)));

        /// <summary>
        /// 1-swap local search: for each chosen site in turn, take it out and put in the candidate that adds most; keep the
        /// swap when it beats the site taken out by more than a rounding margin. Ends when a pass changes nothing.
        /// </summary>
        private (int Swaps, bool Optimal) SwapSearch(List<int> chosen, bool[] inSet)
        {
            double eps = 1e-9 * Math.Max(1, model.Population.Sum());
            int swaps = 0;
            for (int pass = 0; pass < options.MaxSwapPasses; pass++)
            {
                bool improved = false;
                for (int pos = 0; pos < chosen.Count; pos++)
                {
                    ct.ThrowIfCancellationRequested();
                    int i = chosen[pos];
                    model.Remove(i);
                    model.AllGains(_p, _s);
                    int j = ArgBest(inSet, allowed: i);
                    if (j != i && _p[j] > _p[i] + eps)
                    {
                        inSet[i] = false;
                        inSet[j] = true;
                        chosen[pos] = j;
                        swaps++;
                        improved = true;
                    }

                    model.Add(chosen[pos]);
                }

                if (!improved)
                {
                    return (swaps, true);
                }
            }

            return (swaps, false);
        }

        /// <summary>
        /// Fewest sites (at most k) so that each zone's covered share reaches its target: lazy greedy on
        /// Σ_zone min(people still missing, people the site newly covers there) — monotone and submodular — then drop
        /// sites (latest first) the targets do not need.
        /// </summary>
        public Outcome SetCovering(int[] zoneOf, int zoneCount, double[] targets)
        {
            var zonePeople = new double[zoneCount];
            for (int c = 0; c < zoneOf.Length; c++)
            {
                zonePeople[zoneOf[c]] += model.Population[c];
            }

            double before = model.Objective();
            var chosen = new List<int>();
            var deficit0 = Deficits(zoneOf, zonePeople, targets);
            int? lowerBound = LowerBound(zoneOf, zoneCount, deficit0);
            var heap = new PriorityQueue<int, (double Gain, int Index)>(Comparer<(double Gain, int Index)>.Create(
                (a, b) => a.Gain != b.Gain ? b.Gain.CompareTo(a.Gain) : a.Index.CompareTo(b.Index)));
            var zoneGain = new double[zoneCount];
            for (int j = 0; j < model.CandidateCount; j++)
            {
                heap.Enqueue(j, (TruncatedGain(j, zoneOf, deficit0, zoneGain), j));
            }

            while (!Met(zoneOf, zonePeople, targets) && chosen.Count < options.SiteCount && heap.Count > 0)
            {
                ct.ThrowIfCancellationRequested();
                var deficit = Deficits(zoneOf, zonePeople, targets);
                int pick = -1;
                double pickGain = 0;
                while (heap.TryDequeue(out int j, out _))
                {
                    double g = TruncatedGain(j, zoneOf, deficit, zoneGain);
                    if (!heap.TryPeek(out int next, out var key) || g > key.Gain || (g == key.Gain && j < next))
                    {
                        pick = j;
                        pickGain = g;
                        break;
                    }

                    heap.Enqueue(j, (g, j));
                }

                if (pick < 0 || pickGain <= 0)
                {
                    break; // nothing left that helps a zone below its target
                }

                chosen.Add(pick);
                model.Add(pick);
                progress?.Report(chosen.Count);
            }

            // Drop sites the targets can do without, latest first.
            if (Met(zoneOf, zonePeople, targets))
            {
                for (int pos = chosen.Count - 1; pos >= 0; pos--)
                {
                    model.Remove(chosen[pos]);
                    if (Met(zoneOf, zonePeople, targets))
                    {
                        chosen.RemoveAt(pos);
                    }
                    else
                    {
                        model.Add(chosen[pos]);
                    }
                }
            }

            bool met = Met(zoneOf, zonePeople, targets);
            double after = model.Objective();
            string note = lowerBound is { } lb
                ? string.Create(CultureInfo.InvariantCulture, $"greedy heuristic; at least {lb} site(s) are needed (people missing per zone ÷ the most one candidate adds there)")
                : "greedy heuristic; the targets cannot be met with these candidates";
            return new Outcome(chosen, before, after, after, null, note, 0, false, met, lowerBound);
        }

        /// <summary>People still missing per zone to reach its target, from the counts now (0 when met).</summary>
        private double[] Deficits(int[] zoneOf, double[] zonePeople, double[] targets)
        {
            var covered = CoveredPerZone(zoneOf, zonePeople.Length);
            var deficit = new double[zonePeople.Length];
            for (int z = 0; z < deficit.Length; z++)
            {
                deficit[z] = zonePeople[z] > 0 && covered[z] / zonePeople[z] < targets[z] ? (targets[z] * zonePeople[z]) - covered[z] : 0;
                deficit[z] = Math.Max(deficit[z], 0);
            }

            return deficit;
        }

        /// <summary>True when every zone with people reaches its target share, decided as the coverage report decides it
        /// (covered ÷ population, both summed in cell order).</summary>
        private bool Met(int[] zoneOf, double[] zonePeople, double[] targets)
        {
            var covered = CoveredPerZone(zoneOf, zonePeople.Length);
            for (int z = 0; z < zonePeople.Length; z++)
            {
                if (zonePeople[z] > 0 && covered[z] / zonePeople[z] < targets[z])
                {
                    return false;
                }
            }

            return true;
        }

        private double[] CoveredPerZone(int[] zoneOf, int zoneCount)
        {
            var covered = new double[zoneCount];
            var count = model.Count;
            for (int c = 0; c < zoneOf.Length; c++)
            {
                if (count[c] > 0)
                {
                    covered[zoneOf[c]] += model.Population[c];
                }
            }

            return covered;
        }

        private double TruncatedGain(int j, int[] zoneOf, double[] deficit, double[] zoneGain)
        {
            Array.Clear(zoneGain);
            var count = model.Count;
            foreach (int c in model.CoverOf(j))
            {
                if (count[c] == 0)
                {
                    zoneGain[zoneOf[c]] += model.Population[c];
                }
            }

            double sum = 0;
            for (int z = 0; z < zoneGain.Length; z++)
            {
                sum += Math.Min(deficit[z], zoneGain[z]);
            }

            return sum;
        }

        private int? LowerBound(int[] zoneOf, int zoneCount, double[] deficit)
        {
            var most = new double[zoneCount];
            var zoneGain = new double[zoneCount];
            var count = model.Count;
            for (int j = 0; j < model.CandidateCount; j++)
            {
                Array.Clear(zoneGain);
                foreach (int c in model.CoverOf(j))
                {
                    if (count[c] == 0)
                    {
                        zoneGain[zoneOf[c]] += model.Population[c];
                    }
                }

                for (int z = 0; z < zoneCount; z++)
                {
                    most[z] = Math.Max(most[z], zoneGain[z]);
                }
            }

            int bound = 0;
            for (int z = 0; z < zoneCount; z++)
            {
                if (deficit[z] > 0)
                {
                    if (most[z] <= 0)
                    {
                        return null;
                    }

                    bound = Math.Max(bound, (int)Math.Ceiling(deficit[z] / most[z] * (1 - 1e-12)));
                }
            }

            return bound;
        }
    }
}
