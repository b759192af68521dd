namespace EmsCoverage;

/// <summary>
/// The most threads the library's parallel loops may use in the current flow of execution (the CLI's
/// <c>--threads</c>). Every parallel loop in the library reads <see cref="MaxDegreeOfParallelism"/> unless its own
/// options give a value; results never depend on it (tests compare one thread with several byte for byte).
/// </summary>
public static class ThreadLimit
{
    private static readonly AsyncLocal<int?> Current = new();

    /// <summary>The limit for <see cref="ParallelOptions.MaxDegreeOfParallelism"/>: the value set with <see cref="Use"/>, else -1 (no limit).</summary>
    public static int MaxDegreeOfParallelism => Current.Value ?? -1;

    /// <summary>Limits parallel loops started from this flow of execution to <paramref name="threads"/> threads until the
    /// returned object is disposed; null keeps the current limit.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is less than 1.</exception>
    public static IDisposable Use(int? threads)
    {
        if (threads is { } t)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(t, 1, nameof(threads));
        }

        int? previous = Current.Value;
        Current.Value = threads ?? previous;
        return new Restore(previous);
    }

    private sealed class Restore(int? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
