namespace EmsCoverage.Osm.Population;

/// <summary>
/// An administrative area (<c>boundary=administrative</c> relation) assembled from its member ways, with the one
/// population that belongs to it.
/// </summary>
/// <param name="RelationId">OSM relation id.</param>
/// <param name="Name">The <c>name</c> tag (else <c>official_name</c>, else <c>relation/ID</c>).</param>
/// <param name="AdminLevel">The <c>admin_level</c> tag.</param>
/// <param name="Outer">Closed outer rings (role <c>outer</c> or empty). When <paramref name="Complete"/> is false these
/// are only the rings that did close, possibly none.</param>
/// <param name="Inner">Closed inner rings (holes, role <c>inner</c>).</param>
/// <param name="Complete">True when every member way and every node of them is in the file, every chain of ways
/// closed into a ring and there is at least one outer ring. Incomplete areas (extracts clipped by a box) are not
/// used to place population or to test points: a clipped boundary closed by a straight line would claim land
/// that is not the area's, so <see cref="Contains"/> is always false for them.</param>
/// <param name="Population">The area's population, or null when none was found or the value could not be read.</param>
/// <param name="PopulationSource">Where <paramref name="Population"/> came from: <c>relation</c> (the relation's own
/// <c>population</c> tag), <c>label node/ID</c>, <c>admin_centre node/ID</c> or <c>place=town node/ID</c> (a
/// place node inside the area with the area's name); null when there is no population.</param>
public sealed record OsmAdminArea(
    long RelationId,
    string Name,
    int AdminLevel,
    IReadOnlyList<OsmRing> Outer,
    IReadOnlyList<OsmRing> Inner,
    bool Complete,
    double? Population,
    string? PopulationSource)
{
    // Derived from Outer; recomputed when a copy gets other rings (`area with { Outer = ... }`).
    private GeoBounds _bounds = GeoBounds.Of(Outer ?? throw new ArgumentNullException(nameof(Outer)));

    /// <summary>
    /// Closed outer rings (role <c>outer</c> or empty); for an incomplete area only the rings that did close,
    /// possibly none.
    /// </summary>
    public IReadOnlyList<OsmRing> Outer
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            field = value;
            _bounds = GeoBounds.Of(value);
        }
    } = Outer;

    /// <summary>Where this area came from, e.g. <c>relation/1155956</c>.</summary>
    public string Origin => "relation/" + RelationId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Southern edge of the outer rings, degrees (NaN when there is no closed ring).</summary>
    public double MinLat => _bounds.IsEmpty ? double.NaN : _bounds.MinLat;

    /// <summary>Northern edge of the outer rings, degrees (NaN when there is no closed ring).</summary>
    public double MaxLat => _bounds.IsEmpty ? double.NaN : _bounds.MaxLat;

    /// <summary>Western edge of the outer rings, degrees (NaN when there is no closed ring).</summary>
    public double MinLon => _bounds.IsEmpty ? double.NaN : _bounds.MinLon;

    /// <summary>Eastern edge of the outer rings, degrees (NaN when there is no closed ring).</summary>
    public double MaxLon => _bounds.IsEmpty ? double.NaN : _bounds.MaxLon;

    internal GeoBounds Bounds => _bounds;

    /// <summary>Area in square metres (outer rings minus holes); 0 for an incomplete area.</summary>
    public double AreaM2 => Complete ? PolygonMath.AreaAndCentroid(Outer, Inner).AreaM2 : 0;

    /// <summary>
    /// True when the point lies inside the area (inside an outer ring, not in a hole); always false for an
    /// incomplete area.
    /// </summary>
    /// <param name="lat">Latitude, WGS84 degrees.</param>
    /// <param name="lon">Longitude, WGS84 degrees.</param>
    public bool Contains(double lat, double lon) => Complete && PolygonMath.Contains(Outer, Inner, _bounds, lat, lon);

    /// <summary>Name and origin for messages, e.g. <c>relation/1155956 "Vaduz"</c>.</summary>
    public override string ToString() => $"{Origin} \"{Name}\"";
}
