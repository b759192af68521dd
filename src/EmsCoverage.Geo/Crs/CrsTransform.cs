using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace EmsCoverage.Geo.Crs;

/// <summary>
/// Converts coordinates of one coordinate reference system to WGS84 latitude/longitude and back. Made by
/// <see cref="CrsRegistry.CreateTransform(int)"/> and its overloads.
/// </summary>
/// <remarks>
/// <para>x is easting or longitude and y northing or latitude, whatever axis order the definition declares. Geographic
/// systems pass through untouched. No datum shift is applied: a point is projected to (or from) latitude/longitude on
/// the system's own datum and those are taken as WGS84 (see <see cref="IsWgs84Compatible"/>). Angles must be degrees
/// from Greenwich.</para>
/// <para>An instance is not thread-safe (ProjNET transforms keep working state); create one per thread.</para>
/// </remarks>
internal sealed class CrsTransform
{
    // Datums whose ellipsoid is WGS 84 or GRS 1980 and whose shift to WGS84 (if stated) is below this many metres
    // are "WGS84-compatible": taking their coordinates as WGS84 errs by about a metre at most.
    private const double CompatibleShiftM = 3.0;

    private readonly MathTransform? _toGeographic;
    private readonly MathTransform? _fromGeographic;

    internal CrsTransform(CoordinateSystem coordinateSystem)
    {
        CoordinateSystem = coordinateSystem;
        Name = coordinateSystem.Name;
        Epsg = string.Equals(coordinateSystem.Authority, "EPSG", StringComparison.OrdinalIgnoreCase) && coordinateSystem.AuthorityCode > 0
            ? (int)coordinateSystem.AuthorityCode
            : null;

        GeographicCoordinateSystem geographic;
        switch (coordinateSystem)
        {
            case GeographicCoordinateSystem g:
                geographic = g;
                IsGeographic = true;
                break;
            case ProjectedCoordinateSystem p:
                geographic = p.GeographicCoordinateSystem;
                break;
            default:
                throw new NotSupportedException(
                    $"The coordinate system \"{coordinateSystem.Name}\" is neither geographic nor projected and cannot be converted to WGS84.");
        }

        IsWgs84Compatible = IsCompatible(geographic.HorizontalDatum);
        var unit = geographic.AngularUnit;
        var meridian = geographic.PrimeMeridian;
        if (Math.Abs(unit.RadiansPerUnit - (Math.PI / 180)) > 1e-12 || Math.Abs(meridian.Longitude) > 1e-12)
        {
            // ProjNET's geographic-to-geographic step mishandles other units and prime meridians (grads from Paris came
            // out with the meridian's sign flipped), so such systems are refused rather than misplaced.
            throw new NotSupportedException(
                $"The coordinate system \"{coordinateSystem.Name}\" measures angles in {unit.Name} from the {meridian.Name} meridian; only " +
                $"degrees from Greenwich are supported. {CrsRegistry.ReprojectAdvice}");
        }

        if (coordinateSystem is ProjectedCoordinateSystem projected)
        {
            // To and from the system's own latitude/longitude: the inverse/forward projection only, never a datum shift.
            var factory = new CoordinateTransformationFactory();
            try
            {
                _toGeographic = factory.CreateFromCoordinateSystems(projected, geographic).MathTransform;
                _fromGeographic = factory.CreateFromCoordinateSystems(geographic, projected).MathTransform;
            }
            catch (NotSupportedException e)
            {
                throw new NotSupportedException(
                    $"{e.Message.TrimEnd().TrimEnd('.')} (\"{coordinateSystem.Name}\"). {CrsRegistry.ReprojectAdvice}", e);
            }
        }
    }

    /// <summary>The source system.</summary>
    public CoordinateSystem CoordinateSystem { get; }

    /// <summary>Name of the source system, e.g. <c>ETRS89 / GK25FIN</c>.</summary>
    public string Name { get; }

    /// <summary>EPSG code of the source system when its definition states one, otherwise null.</summary>
    public int? Epsg { get; }

    /// <summary>True when the source system is longitude/latitude; false when it is projected.</summary>
    public bool IsGeographic { get; }

    /// <summary>
    /// True when the source datum is WGS 84 or lies within a few metres of it (ETRS89, SIRGAS 2000 and other datums
    /// on the WGS 84 or GRS 1980 ellipsoid without a large stated shift). False for older datums (ED50, NAD27 …),
    /// whose positions this transform may misplace by up to a few hundred metres because no datum shift is applied.
    /// </summary>
    public bool IsWgs84Compatible { get; }

    /// <summary>A short description for messages, e.g. <c>EPSG:3879 (ETRS89 / GK25FIN)</c>.</summary>
    public string Description => Epsg is int code ? $"EPSG:{code} ({Name})" : $"\"{Name}\"";

    /// <summary>Converts a point of the source system to WGS84.</summary>
    /// <param name="x">Easting (metres or the system's unit) or longitude (the system's angular unit).</param>
    /// <param name="y">Northing or latitude.</param>
    /// <returns>Latitude and longitude in degrees; NaN when the point cannot be converted (e.g. far outside the
    /// projection's domain).</returns>
    public (double Lat, double Lon) ToWgs84(double x, double y)
    {
        if (_toGeographic is not null)
        {
            try
            {
                _toGeographic.Transform(ref x, ref y);
            }
            catch (ArithmeticException)
            {
                return (double.NaN, double.NaN);
            }
        }

        return (y, x);
    }

    /// <summary>Converts a WGS84 point to the source system.</summary>
    /// <param name="lat">Latitude in degrees.</param>
    /// <param name="lon">Longitude in degrees.</param>
    /// <returns>Easting and northing (or longitude and latitude in the system's unit); NaN when the point cannot be
    /// converted.</returns>
    public (double X, double Y) FromWgs84(double lat, double lon)
    {
        double x = lon, y = lat;
        if (_fromGeographic is not null)
        {
            try
            {
                _fromGeographic.Transform(ref x, ref y);
            }
            catch (ArithmeticException)
            {
                return (double.NaN, double.NaN);
            }
        }

        return (x, y);
    }

    /// <inheritdoc />
    public override string ToString() => Description;

    private static bool IsCompatible(HorizontalDatum datum)
    {
        var ellipsoid = datum.Ellipsoid;
        double a = ellipsoid.SemiMajorAxis * ellipsoid.AxisUnit.MetersPerUnit;
        // WGS 84: 298.257223563, GRS 1980: 298.257222101; Clarke, Bessel, International 1924 … differ from the first decimal.
        bool ellipsoidOk = Math.Abs(a - 6_378_137.0) < 0.5 && Math.Abs(ellipsoid.InverseFlattening - 298.2572) < 0.001;
        var shift = datum.Wgs84Parameters;
        bool shiftOk = shift is null
            || (Math.Abs(shift.Dx) < CompatibleShiftM && Math.Abs(shift.Dy) < CompatibleShiftM && Math.Abs(shift.Dz) < CompatibleShiftM);
        return ellipsoidOk && shiftOk;
    }
}
