namespace EmsCoverage.Geo.Zones;

/// <summary>Options for <see cref="ZoneLayer.Read"/>.</summary>
public sealed record ZoneLayerOptions
{
    /// <summary>Attribute holding each zone's name, matched ignoring case. Default <c>name</c>.</summary>
    public string NameField { get; init; } = "name";

    /// <summary>GeoPackage layer (table) to read, matched ignoring case; null for the file's only feature layer.</summary>
    public string? Layer { get; init; }

    /// <summary>
    /// Refuse a file whose zones overlap (by more than <see cref="ZoneLayer.OverlapToleranceM2"/>) instead of letting
    /// the first zone in file order win. Default false.
    /// </summary>
    public bool RejectOverlaps { get; init; }
}
