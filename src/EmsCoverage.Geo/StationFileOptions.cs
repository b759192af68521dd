namespace EmsCoverage.Geo;

/// <summary>How <see cref="StationFile.Read"/> interprets a stations file.</summary>
public sealed record StationFileOptions
{
    /// <summary>Longest turnout time accepted, from the file or as <see cref="DefaultTurnoutTime"/>: one hour.</summary>
    public static readonly TimeSpan MaxTurnoutTime = TimeSpan.FromHours(1);

    /// <summary>Turnout time for stations whose row has none (no <c>turnout_s</c> column, or an empty value).
    /// Zero to <see cref="MaxTurnoutTime"/>; default zero.</summary>
    public TimeSpan DefaultTurnoutTime { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// Where the stations are expected to be, normally the road network's extent
    /// (<see cref="LatLonBounds.FromNetwork"/>, with a margin). Stations outside are refused, and stations that
    /// would be inside with latitude and longitude exchanged are reported as swapped. Null: no check.
    /// </summary>
    public LatLonBounds? ExpectedBounds { get; init; }

    /// <summary>File format; <see cref="StationFileFormat.Auto"/> decides by extension and content.</summary>
    public StationFileFormat Format { get; init; } = StationFileFormat.Auto;
}

/// <summary>Formats <see cref="StationFile.Read"/> understands.</summary>
public enum StationFileFormat
{
    /// <summary>
    /// Decide from the file: content starting with <c>{</c> or <c>[</c>, or the extension <c>.geojson</c>/<c>.json</c>,
    /// means GeoJSON; anything else is read as CSV.
    /// </summary>
    Auto,

    /// <summary>Delimited text with a header row (comma, semicolon or tab).</summary>
    Csv,

    /// <summary>A GeoJSON FeatureCollection of Point features.</summary>
    GeoJson,
}
