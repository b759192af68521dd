using System.Globalization;
using EmsCoverage.Coverage;
using EmsCoverage.Geo.Isochrones;
using EmsCoverage.Population;
using EmsCoverage.Search;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;

namespace EmsCoverage.Geo.Tests.Isochrones;

/// <summary>Compares a break's area with the population coverage of the same demand cells.</summary>
internal static class IsochroneAgreement
{
    /// <summary>
    /// Cells the coverage counts as reached within the break (first arrival at the door, access leg included) that lie
    /// outside the area, and cells reached more than <paramref name="toleranceMs"/> after the break (or not at all)
    /// that lie inside it; each described with its id, time and position.
    /// </summary>
    public static (List<string> CoveredOutside, List<string> LateInside) Check(IsochronePolygon polygon, DemandLayer layer,
        PopulationCoverage coverage, int toleranceMs)
    {
        double breakMs = polygon.Break.TotalMilliseconds;
        var locator = new IndexedPointInAreaLocator(polygon.Area);
        var coveredOutside = new List<string>();
        var lateInside = new List<string>();
        for (int i = 0; i < layer.Cells.Count; i++)
        {
            var cell = layer.Cells[i];
            int t = coverage.Cells[i].Times.BestMs;
            bool inside = !polygon.Area.IsEmpty && locator.Locate(new Coordinate(cell.Lon, cell.Lat)) != Location.Exterior;
            string what = string.Create(CultureInfo.InvariantCulture,
                $"{cell.Id} at ({cell.Lon:0.######}, {cell.Lat:0.######}) {(t == SearchWorkspace.Unreached ? "unreached" : $"{t / 1000.0:0.0} s")}, {coverage.Cells[i].Status}");
            if (t <= breakMs && !inside)
            {
                coveredOutside.Add(what);
            }

            if ((t == SearchWorkspace.Unreached || t > breakMs + toleranceMs) && inside)
            {
                lateInside.Add(what);
            }
        }

        return (coveredOutside, lateInside);
    }
}
