using EmsCoverage.Graph;

namespace EmsCoverage.Travel;

/// <summary>
/// A time band (e.g. <c>morning_peak</c>): a speed multiplier per <see cref="RoadClass"/> applied to free-flow
/// speeds. 0.6 means 60 % of the free-flow speed, so travel times grow by a factor 1/0.6.
/// </summary>
/// <param name="Name">Band name as written in the profile (snake_case).</param>
/// <param name="Description">Free text (e.g. the hours the band stands for), or null.</param>
/// <param name="DefaultMultiplier">Multiplier for classes not listed (and for arcs of unknown class).</param>
/// <param name="Multipliers">Multiplier per road class.</param>
public sealed record TimeBand(string Name, string? Description, double DefaultMultiplier, IReadOnlyDictionary<RoadClass, double> Multipliers)
{
    /// <summary>The multiplier for arcs of <paramref name="roadClass"/>.</summary>
    public double MultiplierFor(RoadClass roadClass) => Multipliers.TryGetValue(roadClass, out double m) ? m : DefaultMultiplier;
}

/// <summary>
/// Lights-and-sirens driving: a speed factor per road class (1.0 = normal driving), capped by a maximum speed.
/// </summary>
/// <param name="DefaultFactor">Factor for classes not listed.</param>
/// <param name="Factors">Factor per road class.</param>
/// <param name="MaxKmh">No speed-up makes an arc faster than this; arcs already faster keep their speed.</param>
public sealed record SirensSettings(double DefaultFactor, IReadOnlyDictionary<RoadClass, double> Factors, double MaxKmh)
{
    /// <summary>The factor for arcs of <paramref name="roadClass"/>.</summary>
    public double FactorFor(RoadClass roadClass) => Factors.TryGetValue(roadClass, out double f) ? f : DefaultFactor;

    /// <summary>True when every factor is 1 (the settings change nothing).</summary>
    public bool IsNeutral => DefaultFactor == 1 && Factors.Values.All(f => f == 1);
}

/// <summary>
/// Congestion zones placed on a network: for each arc the zone it lies in (by the arc's midpoint), and each zone's
/// speed multiplier per band name. Applied on top of the band's class multiplier.
/// </summary>
/// <param name="ArcZone">Per arc: index into <paramref name="Zones"/>, or -1 outside every zone.</param>
/// <param name="Zones">Per zone: its name and its multiplier per band name (bands not listed: 1.0).</param>
public sealed record CongestionZoneArcs(int[] ArcZone, IReadOnlyList<CongestionZone> Zones);

/// <summary>One congestion zone: a name and a speed multiplier per time band name.</summary>
/// <param name="Name">Zone name (for reports).</param>
/// <param name="BandMultipliers">Multiplier per band name; a band not listed leaves the zone at 1.0.</param>
public sealed record CongestionZone(string Name, IReadOnlyDictionary<string, double> BandMultipliers)
{
    /// <summary>The multiplier in band <paramref name="bandName"/> (1 when the zone does not list it, or no band).</summary>
    public double MultiplierFor(string? bandName) =>
        bandName is not null && BandMultipliers.TryGetValue(bandName, out double m) ? m : 1;
}

/// <summary>
/// Derives arc travel times for a time band (and lights-and-sirens driving) from a free-flow network, in one pass
/// over the arcs; the result is a <see cref="RoadNetwork.WithTravelTimes"/> network that every search runs on as
/// it is: no second routing implementation, no rebuild of the graph.
/// </summary>
/// <remarks>
/// <para>Per arc of free-flow time t, length L and class c: speed factor f = sirens(c) × band(c) × zone(band);
/// when f &gt; 1 the resulting speed v·f is capped at the sirens maximum speed (an arc already faster than the cap
/// keeps its free-flow speed: f is never below 1 because of the cap). New time = round(t / f) ms, at least 1 ms
/// when t &gt; 0. Ferries (<see cref="RoadClass.Ferry"/>) and zero-time arcs are never changed.</para>
/// <para>Free-flow speed v = L / t: the network keeps length and time per arc, which is all the input needed.</para>
/// </remarks>
public static class TravelTimeModel
{
    /// <summary>Default cap on speeds raised by a factor above 1 when no sirens settings are given, in km/h.</summary>
    public const double DefaultMaxKmh = 130;

    /// <summary>New travel times per arc for <paramref name="band"/>, <paramref name="sirens"/> and <paramref name="zones"/> (each optional).</summary>
    /// <param name="freeFlow">The network as prepared (free-flow times).</param>
    /// <param name="band">Time band, or null for free-flow speeds (only sirens and no zone multiplier).</param>
    /// <param name="sirens">Lights-and-sirens settings, or null for none.</param>
    /// <param name="zones">Congestion zones placed on <paramref name="freeFlow"/>, or null.</param>
    public static int[] ArcTravelTimesMs(RoadNetwork freeFlow, TimeBand? band, SirensSettings? sirens, CongestionZoneArcs? zones)
    {
        ArgumentNullException.ThrowIfNull(freeFlow);
        if (zones is not null && zones.ArcZone.Length != freeFlow.ArcCount)
        {
            throw new ArgumentException("Congestion zones were placed on another network (arc count differs).", nameof(zones));
        }

        // Per class factor, then per zone factor: the arc loop only multiplies.
        var classFactor = new double[RoadClasses.Count];
        for (int c = 0; c < classFactor.Length; c++)
        {
            var rc = (RoadClass)c;
            classFactor[c] = rc == RoadClass.Ferry ? 1 : (sirens?.FactorFor(rc) ?? 1) * (band?.MultiplierFor(rc) ?? 1);
        }

        double[] zoneFactor = zones is null ? [] : zones.Zones.Select(z => z.MultiplierFor(band?.Name)).ToArray();
        double capKmh = sirens?.MaxKmh ?? DefaultMaxKmh;
        int[] times = new int[freeFlow.ArcCount];
        int[] baseTimes = freeFlow._arcTravelTimeMs;
        float[] lengths = freeFlow._arcLengthM;
        byte[] classes = freeFlow._arcRoadClass;
        for (int a = 0; a < times.Length; a++)
        {
            int t = baseTimes[a];
            byte c = classes[a];
            if (t == 0 || c == (byte)RoadClass.Ferry)
            {
                times[a] = t;
                continue;
            }

            double f = classFactor[c];
            if (zones is not null && zones.ArcZone[a] >= 0)
            {
                f *= zoneFactor[zones.ArcZone[a]];
            }

            times[a] = Retime(t, lengths[a], f, capKmh);
        }

        return times;
    }

    /// <summary>The network of <paramref name="freeFlow"/> with the times of <see cref="ArcTravelTimesMs"/>.</summary>
    public static RoadNetwork Apply(RoadNetwork freeFlow, TimeBand? band, SirensSettings? sirens, CongestionZoneArcs? zones) =>
        freeFlow.WithTravelTimes(ArcTravelTimesMs(freeFlow, band, sirens, zones));

    /// <summary>Time in ms of an arc of free-flow time <paramref name="timeMs"/> and length <paramref name="lengthM"/>
    /// driven at <paramref name="factor"/> × its free-flow speed, a speed-up capped at <paramref name="capKmh"/>.</summary>
    public static int Retime(int timeMs, double lengthM, double factor, double capKmh)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(factor);
        if (timeMs == 0 || factor == 1)
        {
            return timeMs;
        }

        if (factor > 1)
        {
            double freeKmh = lengthM * 3600.0 / timeMs;
            if (freeKmh * factor > capKmh)
            {
                factor = Math.Max(1, capKmh / freeKmh);
            }
        }

        double ms = Math.Round(timeMs / factor, MidpointRounding.AwayFromZero);
        return ms >= int.MaxValue ? int.MaxValue - 1 : Math.Max(1, (int)ms);
    }
}
