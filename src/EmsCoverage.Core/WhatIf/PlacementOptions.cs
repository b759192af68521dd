using EmsCoverage.Coverage;

namespace EmsCoverage.WhatIf;

/// <summary>What a placement optimises.</summary>
public enum PlacementMethod
{
    /// <summary>
    /// Maximal covering (MCLP): the k sites that, with the existing bases, cover the most people within their zone's
    /// standard. Lazy greedy, then 1-swap local search; ties go to the site that adds more people covered twice.
    /// </summary>
    MaximalCovering,

    /// <summary>
    /// Set covering (LSCP-style): the fewest sites, at most k, so that every zone reaches its target share. Greedy on
    /// the people still missing per zone, then dropping sites that are not needed; a heuristic, reported with a lower
    /// bound on the number of sites.
    /// </summary>
    SetCovering,

    /// <summary>
    /// Backup coverage (double coverage): the k sites that maximise the people covered by two different bases within
    /// the standard. Greedy (this objective is not submodular, so no lazy evaluation and no guarantee), then 1-swap;
    /// ties go to the site that covers more people at least once.
    /// </summary>
    BackupCoverage,

    /// <summary>
    /// Expected covering (MEXCLP, Daskin 1983): each base is busy with probability q, independently; maximise the
    /// expected people covered, Σ population · (1 − q^(bases covering the cell)). Lazy greedy, then 1-swap.
    /// </summary>
    ExpectedCoverage,
}

/// <summary>How sites are chosen.</summary>
public sealed record PlacementOptions
{
    /// <summary>The objective.</summary>
    public PlacementMethod Method { get; init; } = PlacementMethod.MaximalCovering;

    /// <summary>Sites to add (for <see cref="PlacementMethod.SetCovering"/>: the most that may be added). At least 1.</summary>
    public int SiteCount { get; init; } = 1;

    /// <summary>For <see cref="PlacementMethod.ExpectedCoverage"/>: the probability q that a base is busy, 0 ≤ q &lt; 1 (default 0.3).</summary>
    public double BusyFraction { get; init; } = 0.3;

    /// <summary>
    /// For <see cref="PlacementMethod.SetCovering"/>: the share (0–1) of each zone's people to cover, in zone order with
    /// the default zone last (as <see cref="PopulationCoverage.Zones"/>). Required for that method.
    /// </summary>
    public IReadOnlyList<double>? TargetShares { get; init; }

    /// <summary>Improve the greedy answer by swapping one chosen site for another while that helps (not for set covering).</summary>
    public bool LocalSearch { get; init; } = true;

    /// <summary>At most this many passes of the swap search over the chosen sites.</summary>
    public int MaxSwapPasses { get; init; } = 10;

    /// <summary>Most candidates evaluated at once; null: <see cref="ThreadLimit.MaxDegreeOfParallelism"/> (one per processor unless limited). The answer does not depend on it.</summary>
    public int? MaxDegreeOfParallelism { get; init; }
}

/// <summary>One chosen site, with what it adds given the existing bases and the sites chosen before it.</summary>
/// <param name="Candidate">Index into the candidates given.</param>
/// <param name="ObjectiveAdded">Increase of the method's objective.</param>
/// <param name="CoveredAdded">People newly covered within their standard.</param>
/// <param name="CoveredTwiceAdded">People newly covered by a second base within their standard.</param>
/// <param name="ObjectiveLostIfRemoved">Decrease of the objective if this site alone were left out of the final answer.</param>
public sealed record PlacedSite(int Candidate, double ObjectiveAdded, double CoveredAdded, double CoveredTwiceAdded, double ObjectiveLostIfRemoved);

/// <summary>The answer of <see cref="StationPlacement.Optimize"/>.</summary>
public sealed class PlacementResult
{
    /// <summary>The method used.</summary>
    public required PlacementMethod Method { get; init; }

    /// <summary>The chosen sites, in the order they were chosen (a site swapped in takes the place of the one it replaced).</summary>
    public required IReadOnlyList<PlacedSite> Sites { get; init; }

    /// <summary>The objective with the existing bases only (people, or expected people for MEXCLP).</summary>
    public required double ObjectiveBefore { get; init; }

    /// <summary>The objective with the chosen sites added.</summary>
    public required double Objective { get; init; }

    /// <summary>The objective after the greedy phase, before any swap.</summary>
    public required double GreedyObjective { get; init; }

    /// <summary>
    /// An upper bound on the best objective any choice of <see cref="PlacementOptions.SiteCount"/> candidates can reach,
    /// or null when the method gives none (set covering). See <see cref="BoundNote"/>.
    /// </summary>
    public required double? UpperBound { get; init; }

    /// <summary>How the bound was obtained, in words.</summary>
    public required string BoundNote { get; init; }

    /// <summary>Swaps made by the local search.</summary>
    public required int Swaps { get; init; }

    /// <summary>True when the local search ended because no single swap improves the objective; false when it stopped at
    /// the pass limit or was switched off.</summary>
    public required bool IsSwapOptimal { get; init; }

    /// <summary>Set covering: every zone reaches its target share with the chosen sites. Null for the other methods.</summary>
    public required bool? TargetsMet { get; init; }

    /// <summary>Set covering: a lower bound on the number of sites needed (per zone: people missing ÷ the most any one
    /// candidate adds there), or null when no bound is known or the targets cannot be met.</summary>
    public required int? MinimumSitesLowerBound { get; init; }

    /// <summary>Coverage with the existing bases, evaluated from the columns at their limit.</summary>
    public required PopulationCoverage Before { get; init; }

    /// <summary>Coverage with the chosen sites added (sources: the existing bases, then the sites in order).</summary>
    public required PopulationCoverage After { get; init; }
}
