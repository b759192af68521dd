namespace EmsCoverage.Diagnostics;

/// <summary>How serious a data problem is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Worth knowing; results are not affected in a way the user must act on.</summary>
    Info,

    /// <summary>Data was imperfect and a documented fallback was applied (e.g. an unparseable maxspeed).</summary>
    Warning,

    /// <summary>Something could not be used at all (e.g. a station that cannot be snapped to a road).</summary>
    Error,
}

/// <summary>One data problem found while reading or computing, with a stable code for grouping and filtering.</summary>
/// <param name="Code">Stable machine-readable code, e.g. <c>maxspeed-unparsed</c>.</param>
/// <param name="Severity">How serious it is.</param>
/// <param name="Message">Plain-language description with the offending value.</param>
/// <param name="Subject">What it is about, e.g. <c>way/123</c>, <c>station rk-vaduz</c>, <c>stations.csv:7</c>.</param>
public sealed record Diagnostic(string Code, DiagnosticSeverity Severity, string Message, string? Subject = null);

/// <summary>
/// Collects diagnostics during a run. Keeps every entry up to <see cref="MaxKeptPerCode"/> per code and counts
/// the rest, so a file with a million bad tags does not fill memory.
/// </summary>
public sealed class DiagnosticBag
{
    /// <summary>How many entries of one code are kept in full; later ones are only counted.</summary>
    public const int MaxKeptPerCode = 100;

    private readonly List<Diagnostic> _kept = [];
    private readonly SortedDictionary<string, int> _countByCode = new(StringComparer.Ordinal);

    /// <summary>The kept entries, in the order they were added.</summary>
    public IReadOnlyList<Diagnostic> Items => _kept;

    /// <summary>Number of diagnostics per code, including those not kept in full, sorted by code.</summary>
    public IReadOnlyDictionary<string, int> CountByCode => _countByCode;

    /// <summary>Adds one diagnostic.</summary>
    public void Add(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        _countByCode.TryGetValue(diagnostic.Code, out int count);
        _countByCode[diagnostic.Code] = count + 1;
        if (count < MaxKeptPerCode)
        {
            _kept.Add(diagnostic);
        }
    }

    /// <summary>Adds one diagnostic built from its parts.</summary>
    public void Add(string code, DiagnosticSeverity severity, string message, string? subject = null) =>
        Add(new Diagnostic(code, severity, message, subject));

    /// <summary>Total number of diagnostics of <paramref name="code"/> (0 when none).</summary>
    public int Count(string code) => _countByCode.TryGetValue(code, out int c) ? c : 0;
}
