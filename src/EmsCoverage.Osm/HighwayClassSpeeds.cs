namespace EmsCoverage.Osm;

/// <summary>Default speeds of one drivable road class (a value of <c>highway=*</c>) in an <see cref="AmbulanceProfile"/>.</summary>
/// <param name="UrbanKmh">Speed in km/h on urban ways without a usable <c>maxspeed</c>.</param>
/// <param name="RuralKmh">Speed in km/h on rural ways without a usable <c>maxspeed</c>.</param>
/// <param name="MaxKmh">Cap in km/h on speeds derived from a tagged <c>maxspeed</c>; null means the profile-wide cap.</param>
/// <param name="AccessibleByDefault">
/// False for classes such as <c>pedestrian</c> or <c>busway</c> that are used only when the way's access tags
/// allow emergency or motor vehicles explicitly.
/// </param>
public sealed record HighwayClassSpeeds(double UrbanKmh, double RuralKmh, double? MaxKmh, bool AccessibleByDefault)
{
    /// <summary>The default speed in km/h for <paramref name="zone"/>.</summary>
    public double DefaultKmh(SpeedZone zone) => zone == SpeedZone.Urban ? UrbanKmh : RuralKmh;
}

/// <summary>How <c>route=ferry</c> ways are used (the <c>[ferry]</c> section of the profile).</summary>
/// <param name="Enabled">False: ferries are never used.</param>
/// <param name="SpeedKmh">Crossing speed in km/h when the way has no usable <c>duration</c> tag.</param>
/// <param name="BoardingTime">Added once per ferry way: waiting for the boat and loading.</param>
/// <param name="RequireMotorVehicle">
/// True: a ferry is used only when <c>motorcar</c>, <c>motor_vehicle</c>, <c>vehicle</c> or <c>emergency</c>
/// explicitly allows it (most mapped ferries carry foot passengers only).
/// </param>
public sealed record FerrySettings(bool Enabled, double SpeedKmh, TimeSpan BoardingTime, bool RequireMotorVehicle);
