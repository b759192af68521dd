using EmsCoverage.Diagnostics;

namespace EmsCoverage.Osm.Tests;

/// <summary>Tag tables for the ambulance profile (OSRM feature-file style: one row per tag combination).</summary>
public class WayRulesTests
{
    private static WayRouting Evaluate(string tags, DiagnosticBag? diagnostics = null) =>
        AmbulanceProfile.Default.Evaluate(Tags.Parse(tags), diagnostics, wayId: 42);

    [Theory]
    [InlineData("highway=residential", 30)]                          // urban default (no zone tags)
    [InlineData("highway=residential|maxspeed=20", 20)]
    [InlineData("highway=primary", 50)]
    [InlineData("highway=primary|maxspeed=50 mph", 80.4672)]         // 50 × 1.609344
    [InlineData("highway=primary|maxspeed=signals", 50)]             // unparsed: class default
    [InlineData("highway=primary|source:maxspeed=DE:rural", 80)]     // rural default from the zone tag
    [InlineData("highway=primary|maxspeed:type=DE:rural", 80)]
    [InlineData("highway=primary|zone:traffic=FI:rural", 80)]
    [InlineData("highway=primary|maxspeed=DE:rural", 100)]           // the code's own speed
    [InlineData("highway=primary|maxspeed=50;30", 30)]
    [InlineData("highway=motorway|maxspeed=none", 120)]              // none: the class's rural default
    [InlineData("highway=motorway|maxspeed=150", 130)]               // profile cap
    [InlineData("highway=motorway", 90)]
    [InlineData("highway=living_street|maxspeed=30", 20)]            // class cap
    [InlineData("highway=living_street", 10)]
    [InlineData("highway=residential|maxspeed=walk", 6)]
    [InlineData("highway=residential|maxspeed=2", 5)]                // profile floor (min_kmh)
    [InlineData("highway=service", 15)]
    [InlineData("highway=unclassified", 30)]
    [InlineData("highway=motorway_link", 45)]
    [InlineData("highway=trunk_link", 40)]
    [InlineData("highway=primary_link", 35)]
    [InlineData("highway=secondary_link", 30)]
    [InlineData("highway=tertiary_link", 30)]
    [InlineData("highway=footway", 0)]
    [InlineData("highway=cycleway", 0)]
    [InlineData("highway=path", 0)]
    [InlineData("highway=steps", 0)]
    [InlineData("highway=track", 0)]                                 // excluded by default (see the profile)
    [InlineData("highway=construction", 0)]
    [InlineData("highway=proposed", 0)]
    [InlineData("highway=service|area=yes", 0)]
    [InlineData("building=yes", 0)]
    public void ForwardSpeedKmh(string tags, double expectedKmh)
    {
        Assert.Equal(expectedKmh, Evaluate(tags).ForwardKmh, precision: 9);
    }

    [Fact]
    public void UnparsedMaxspeed_ReportsDiagnosticOnce()
    {
        var diagnostics = new DiagnosticBag();

        Evaluate("highway=primary|maxspeed=signals", diagnostics);

        Diagnostic d = Assert.Single(diagnostics.Items);
        Assert.Equal(OsmDiagnosticCodes.MaxSpeedUnparsed, d.Code);
        Assert.Equal("way/42", d.Subject);
        Assert.Contains("signals", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DirectionalMaxspeed_AppliesPerDirection()
    {
        WayRouting r = Evaluate("highway=tertiary|maxspeed=50|maxspeed:backward=20");

        Assert.Equal(50, r.ForwardKmh);
        Assert.Equal(20, r.BackwardKmh);
    }

    [Theory]
    [InlineData("highway=residential", true)]
    [InlineData("highway=residential|access=no", false)]
    [InlineData("highway=residential|access=no|emergency=yes", true)]          // emergency=yes overrides no
    [InlineData("highway=residential|motor_vehicle=no", false)]
    [InlineData("highway=residential|motor_vehicle=no|emergency=yes", true)]
    [InlineData("highway=residential|motorcar=no", false)]
    [InlineData("highway=residential|vehicle=no", false)]
    [InlineData("highway=residential|access=no|motor_vehicle=yes", true)]      // most specific wins
    [InlineData("highway=residential|access=yes|emergency=no", false)]
    [InlineData("highway=residential|access=private", true)]                   // ambulances have business there
    [InlineData("highway=residential|access=destination", true)]
    [InlineData("highway=residential|access=delivery", true)]
    [InlineData("highway=residential|access=customers", true)]
    [InlineData("highway=residential|access=permissive", true)]
    [InlineData("highway=residential|access=agricultural", false)]
    [InlineData("highway=residential|access=agricultural;forestry", false)]
    [InlineData("highway=residential|motor_vehicle=forestry", false)]
    [InlineData("highway=residential|access=bus", false)]
    [InlineData("highway=residential|access=yes;private", true)]
    [InlineData("highway=residential|access=unknown", true)]                   // ignored: class default
    [InlineData("highway=residential|access=unknown|vehicle=no", false)]
    [InlineData("highway=service|service=emergency_access|access=no", true)]   // emergency access road
    [InlineData("highway=service|service=emergency_access|access=no|emergency=no", false)]
    [InlineData("highway=service|access=no", false)]
    [InlineData("highway=pedestrian", false)]                                  // needs explicit access
    [InlineData("highway=pedestrian|emergency=yes", true)]
    [InlineData("highway=pedestrian|motor_vehicle=destination", true)]
    [InlineData("highway=pedestrian|access=no|emergency=designated", true)]
    [InlineData("highway=busway", false)]
    [InlineData("highway=busway|emergency=yes", true)]
    public void Access(string tags, bool drivable)
    {
        Assert.Equal(drivable, Evaluate(tags).IsDrivable);
    }

    [Fact]
    public void UnknownAccessValue_ReportsInfoDiagnostic()
    {
        var diagnostics = new DiagnosticBag();

        Evaluate("highway=residential|access=unknown", diagnostics);

        Assert.Equal(1, diagnostics.Count(OsmDiagnosticCodes.AccessUnknown));
    }

    [Theory]
    [InlineData("highway=residential", true, true)]
    [InlineData("highway=residential|oneway=yes", true, false)]
    [InlineData("highway=residential|oneway=true", true, false)]
    [InlineData("highway=residential|oneway=1", true, false)]
    [InlineData("highway=residential|oneway=-1", false, true)]
    [InlineData("highway=residential|oneway=reverse", false, true)]
    [InlineData("highway=residential|oneway=no", true, true)]
    [InlineData("highway=residential|oneway=false", true, true)]
    [InlineData("highway=residential|oneway=0", true, true)]
    [InlineData("highway=residential|oneway=reversible", true, true)]   // time-dependent: both ways
    [InlineData("highway=residential|oneway=alternating", true, true)]
    [InlineData("highway=residential|junction=roundabout", true, false)] // implied
    [InlineData("highway=residential|junction=circular", true, false)]
    [InlineData("highway=residential|junction=roundabout|oneway=no", true, true)]
    [InlineData("highway=motorway", true, false)]
    [InlineData("highway=motorway_link", true, false)]
    [InlineData("highway=motorway|oneway=no", true, true)]
    [InlineData("highway=trunk", true, true)]
    [InlineData("highway=residential|oneway=yes|oneway:emergency=no", true, true)]
    [InlineData("highway=residential|oneway=no|oneway:motor_vehicle=yes", true, false)]
    [InlineData("highway=residential|oneway=yes|oneway:bicycle=no", true, false)]
    [InlineData("highway=residential|oneway=yes;no", true, true)]        // garbage: ignored
    [InlineData("highway=residential|junction=roundabout|oneway=maybe", true, false)]
    public void Oneway(string tags, bool forward, bool backward)
    {
        WayRouting r = Evaluate(tags);

        Assert.Equal(forward, r.IsForwardAllowed);
        Assert.Equal(backward, r.IsBackwardAllowed);
    }

    [Theory]
    [InlineData("highway=residential|oneway=reversible", OsmDiagnosticCodes.OnewayReversible)]
    [InlineData("highway=residential|oneway=yes;no", OsmDiagnosticCodes.OnewayUnparsed)]
    public void OnewayOddities_ReportDiagnostic(string tags, string code)
    {
        var diagnostics = new DiagnosticBag();

        Evaluate(tags, diagnostics);

        Assert.Equal(1, diagnostics.Count(code));
    }

    [Theory]
    [InlineData("route=ferry", false)]                                 // foot ferries are the norm
    [InlineData("route=ferry|access=yes", false)]
    [InlineData("route=ferry|motor_vehicle=no", false)]
    [InlineData("route=ferry|motor_vehicle=yes", true)]
    [InlineData("route=ferry|motorcar=yes", true)]
    [InlineData("route=ferry|emergency=yes", true)]
    public void Ferry_NeedsMotorVehicles(string tags, bool drivable)
    {
        WayRouting r = Evaluate(tags);

        Assert.Equal(drivable, r.IsDrivable);
        Assert.Equal(drivable, r.IsFerry);
    }

    [Fact]
    public void Ferry_UsesDurationAndBoarding()
    {
        WayRouting r = Evaluate("route=ferry|motorcar=yes|duration=01:30");

        Assert.Equal(TimeSpan.FromMinutes(90), r.FixedDuration);
        Assert.Equal(TimeSpan.FromMinutes(10), r.Delay);
        Assert.Equal(15, r.ForwardKmh);
        Assert.Equal(15, r.BackwardKmh);
    }

    [Fact]
    public void Ferry_BadDuration_FallsBackToSpeed()
    {
        var diagnostics = new DiagnosticBag();

        WayRouting r = AmbulanceProfile.Default.Evaluate(Tags.Parse("route=ferry|motorcar=yes|duration=ages"), diagnostics, 7);

        Assert.True(r.IsDrivable);
        Assert.Null(r.FixedDuration);
        Assert.Equal(1, diagnostics.Count(OsmDiagnosticCodes.FerryDurationUnparsed));
    }

    [Theory]
    [InlineData("00:20", 20 * 60)]
    [InlineData("1:30", 90 * 60)]
    [InlineData("01:30:15", (90 * 60) + 15)]
    [InlineData("45", 45 * 60)]
    [InlineData("PT1H30M", 90 * 60)]
    [InlineData("0:00", -1)]
    [InlineData("1:75", -1)]
    [InlineData("ages", -1)]
    [InlineData("", -1)]
    public void ParseDuration(string text, int expectedSeconds)
    {
        TimeSpan? d = WayRules.ParseDuration(text);

        Assert.Equal(expectedSeconds < 0 ? null : TimeSpan.FromSeconds(expectedSeconds), d);
    }
}
