namespace EmsCoverage.Geo.Zones;

/// <summary>Stable codes of the diagnostics <see cref="ZoneLayer.Read"/> reports.</summary>
public static class ZoneDiagnosticCodes
{
    /// <summary>Warning: two zones overlap by more than a sliver; points in the overlap belong to the first in file order.</summary>
    public const string Overlap = "zones-overlap";

    /// <summary>Info: several features had the same name and were merged into one zone.</summary>
    public const string Merged = "zones-merged";

    /// <summary>Warning: an invalid zone polygon (self-intersecting, wrong nesting) was repaired before use.</summary>
    public const string Repaired = "zones-polygon-repaired";

    /// <summary>Error: one unusable zone feature; the file was refused (the exception lists the first few).</summary>
    public const string FeatureInvalid = "zones-feature-invalid";
}
