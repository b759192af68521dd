namespace EmsCoverage.Geo.Tests;

public sealed class StationFileGeoJsonTests : StationFileTestBase
{
    [Fact]
    public void Read_GoodGeoJson_IdsNamesAndTurnoutFromProperties()
    {
        var stations = StationFile.Read(TestData.Stations("good.geojson"), Diagnostics,
            new StationFileOptions { DefaultTurnoutTime = TimeSpan.FromSeconds(30) });

        Assert.Equal(["rk-vaduz", "17", "row-3"], stations.Select(s => s.Id));     // property, feature id, generated
        Assert.Equal(["Rettungsdienst Vaduz", "Rettungsdienst Schaan", "row-3"], stations.Select(s => s.Name));
        Assert.Equal([60.0, 90.0, 30.0], stations.Select(s => s.TurnoutTime.TotalSeconds));
        Assert.Equal(9.5087, stations[1].Lon);                                      // GeoJSON order: lon, lat
        Assert.Equal(47.1651, stations[1].Lat);
        Assert.Equal("good.geojson feature 1", stations[0].Origin);
        Assert.Equal(1, Diagnostics.Count("station-id-generated"));
    }

    [Fact]
    public void Read_NotJson_SaysWhereTheJsonBreaks()
    {
        var ex = Fails(TestData.Stations("not-json.geojson"));

        Assert.Contains("not valid JSON at line 5", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_JsonThatIsNotGeoJson_SaysAFeatureCollectionIsExpected()
    {
        var ex = Fails(TestData.Stations("not-geojson.json"));

        Assert.Contains("expected a GeoJSON FeatureCollection of Point features (the stations), found JSON without a GeoJSON \"type\"",
            ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[9.5,47.1]}}", "found a GeoJSON Feature")]
    [InlineData("{\"type\":\"Point\",\"coordinates\":[9.5,47.1]}", "found a GeoJSON Point")]
    [InlineData("[1, 2, 3]", "found JSON without a GeoJSON \"type\"")]
    [InlineData("{\"type\":\"FeatureCollection\"}", "the FeatureCollection has no \"features\" array")]
    public void Read_OtherGeoJsonObjects_AreRefusedClearly(string json, string expected)
    {
        var ex = Fails(Temp("s.geojson", json));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LineStringFeature_OnlyPointsCanBeStations()
    {
        var ex = Fails(TestData.Stations("lines.geojson"));

        Assert.Contains("lines.geojson feature 2 (line 6): is a LineString; only Point features can be stations", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1 of 2 stations cannot be used", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BadFeatures_EachProblemWithFeatureNumberAndLine()
    {
        var ex = Fails(TestData.Stations("bad-features.geojson"));

        Assert.Contains("bad-features.geojson feature 2 (line 6): has no geometry", ex.Message, StringComparison.Ordinal);
        Assert.Contains("bad-features.geojson feature 3 (line 7): longitude must be a number, found the text \"9.52\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains("bad-features.geojson feature 4 (line 9): turnout_s must be a number of seconds, found an object", ex.Message, StringComparison.Ordinal);
        Assert.Contains("bad-features.geojson feature 5 (line 11): duplicate id 'rk-vaduz' (first used on feature 1 (line 4)); turnout 1E+30 s is more than 3600 s",
            ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("feature 1 (line 4):", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyFeatureCollection_SaysNoStations()
    {
        var ex = Fails(TestData.Stations("empty.geojson"));

        Assert.Contains("contains no stations (the FeatureCollection's \"features\" array is empty)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ProjectedCrs_AsksForWgs84()
    {
        var ex = Fails(TestData.Stations("projected.geojson"));

        Assert.Contains("uses the coordinate system urn:ogc:def:crs:EPSG::3857; stations must be in WGS84", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("urn:ogc:def:crs:OGC:1.3:CRS84")]
    [InlineData("EPSG:4326")]
    [InlineData("urn:ogc:def:crs:EPSG::4326")]
    public void Read_Wgs84Crs_IsAccepted(string crs)
    {
        string json = "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"" + crs + "\"}}," +
            "\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[9.5,47.1]}}]}";

        Assert.Single(StationFile.Read(Temp("s.geojson", json), Diagnostics));
    }

    [Fact]
    public void Read_SwappedCoordinatesAndBoundsGiven_SaysCoordinatesLookSwapped()
    {
        string json = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"id\":\"v\"}," +
            "\"geometry\":{\"type\":\"Point\",\"coordinates\":[47.141,9.5215]}}]}";
        var options = new StationFileOptions { ExpectedBounds = new LatLonBounds(47.04, 9.47, 47.28, 9.64) };

        var ex = Fails(Temp("s.json", json), options);

        Assert.Contains("coordinates look swapped (lat/lon)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("s.json feature 1 (line 1): station 'v' at (47.141, 9.5215) is outside the road network's extent", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_JsonExtensionWithCsvContent_SaysNotValidJson()
    {
        var ex = Fails(Temp("s.json", "id,lon,lat\na,9.5,47.1\n"));

        Assert.Contains("not valid JSON at line 1", ex.Message, StringComparison.Ordinal);
    }
}
