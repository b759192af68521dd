using EmsCoverage.Graph;
using EmsCoverage.Snapping;

namespace EmsCoverage.WhatIf;

/// <summary>Candidate sites generated from the road network itself.</summary>
public static class CandidateSites
{
    /// <summary>
    /// Candidate sites spread over the roads about <paramref name="spacingM"/> apart: a grid of squares of that size
    /// is laid over the network, and each square whose centre has a road of the main network within
    /// 0.75 × <paramref name="spacingM"/> gets one site, the road position nearest to the centre. Sites that land on
    /// the same road position are kept once. Ordered by square, south-west first, row by row.
    /// </summary>
    /// <param name="snapper">Snapper over the network.</param>
    /// <param name="spacingM">Grid spacing in metres, at least 10.</param>
    /// <param name="cancellationToken">Checked per row of squares.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="spacingM"/> is below 10 m or not finite.</exception>
    public static IReadOnlyList<SnapPoint> OnRoadGrid(Snapper snapper, double spacingM, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapper);
        if (!(spacingM >= 10 && double.IsFinite(spacingM)))
        {
            throw new ArgumentOutOfRangeException(nameof(spacingM), spacingM, "The spacing must be at least 10 m.");
        }

        RoadNetwork network = snapper.Network;
        if (network.NodeCount == 0)
        {
            return [];
        }

        double minLat = double.MaxValue, maxLat = double.MinValue, minLon = double.MaxValue, maxLon = double.MinValue;
        for (int n = 0; n < network.NodeCount; n++)
        {
            if (network.NodeComponent(n) != 0)
            {
                continue;
            }

            minLat = Math.Min(minLat, network.NodeLat(n));
            maxLat = Math.Max(maxLat, network.NodeLat(n));
            minLon = Math.Min(minLon, network.NodeLon(n));
            maxLon = Math.Max(maxLon, network.NodeLon(n));
        }

        double stepLat = double.RadiansToDegrees(spacingM / Geodesy.EarthRadiusM);
        double stepLon = stepLat / Math.Max(0.05, Math.Cos(double.DegreesToRadians((minLat + maxLat) / 2)));
        int rows = (int)Math.Floor((maxLat - minLat) / stepLat) + 1;
        int columns = (int)Math.Floor((maxLon - minLon) / stepLon) + 1;
        var seen = new HashSet<(int Arc, double Fraction)>();
        var sites = new List<SnapPoint>();
        for (int r = 0; r < rows; r++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            double lat = minLat + ((r + 0.5) * stepLat);
            for (int col = 0; col < columns; col++)
            {
                double lon = minLon + ((col + 0.5) * stepLon);
                if (snapper.TrySnap(lat, lon, 0.75 * spacingM, out var snap) && seen.Add((snap.Arc, snap.Fraction)))
                {
                    sites.Add(snap);
                }
            }
        }

        return sites;
    }
}
