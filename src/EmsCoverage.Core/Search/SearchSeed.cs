namespace EmsCoverage.Search;

/// <summary>
/// A starting label of a search: <paramref name="Source"/> reaches <paramref name="Node"/> at
/// <paramref name="TimeMs"/> (its turnout delay plus the drive along the partial arc from its snap point).
/// </summary>
/// <param name="Node">Network node id.</param>
/// <param name="TimeMs">Time at which the source reaches the node, in ms (zero or more).</param>
/// <param name="Source">Index of the source (station) in the caller's list, 0 or more.</param>
public readonly record struct SearchSeed(int Node, int TimeMs, int Source);
