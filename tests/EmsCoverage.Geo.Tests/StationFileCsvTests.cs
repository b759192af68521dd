using System.Text;
using EmsCoverage.Diagnostics;

namespace EmsCoverage.Geo.Tests;

public sealed class StationFileCsvTests : StationFileTestBase
{
    // Liechtenstein, roughly: the extent of a network built from its extract.
    private static readonly LatLonBounds Liechtenstein = new(minLat: 47.04, minLon: 9.47, maxLat: 47.28, maxLon: 9.64);

    [Fact]
    public void Read_GoodCsv_AllStationsInFileOrder()
    {
        var stations = StationFile.Read(TestData.Stations("good.csv"), Diagnostics);

        Assert.Equal(["rk-vaduz", "rk-schaan", "rk-balzers"], stations.Select(s => s.Id));
        var vaduz = stations[0];
        Assert.Equal("Rettungsdienst Vaduz, Hauptwache", vaduz.Name);
        Assert.Equal(47.1410, vaduz.Lat);
        Assert.Equal(9.5215, vaduz.Lon);
        Assert.Equal(TimeSpan.FromSeconds(60), vaduz.TurnoutTime);
        Assert.Equal("good.csv:2", vaduz.Origin);
        Assert.Equal(TimeSpan.FromSeconds(90), stations[1].TurnoutTime);
        Assert.Equal(TimeSpan.Zero, stations[2].TurnoutTime);
        Assert.DoesNotContain(Diagnostics.Items, d => d.Severity != DiagnosticSeverity.Info);
    }

    [Fact]
    public void Read_EmptyTurnout_UsesDefaultFromOptions_AndSaysSo()
    {
        var options = new StationFileOptions { DefaultTurnoutTime = TimeSpan.FromSeconds(120) };

        var stations = StationFile.Read(TestData.Stations("good.csv"), Diagnostics, options);

        Assert.Equal(TimeSpan.FromSeconds(120), stations[2].TurnoutTime);
        Assert.Equal(TimeSpan.FromSeconds(60), stations[0].TurnoutTime);
        Assert.Equal(1, Diagnostics.Count("station-turnout-default"));
    }

    [Fact]
    public void Read_SemicolonsBomCrlfAndAliases_AreUnderstood()
    {
        var stations = StationFile.Read(TestData.Stations("good-semicolon-aliases.csv"), Diagnostics);

        Assert.Equal(3, stations.Count);
        Assert.Equal("rk-eschen", stations[0].Id);                // BOM stripped from the ID header
        Assert.Equal("Eschen; Nord \"Unterland\"", stations[0].Name);
        Assert.Equal(9.5221, stations[0].Lon);
        Assert.Equal(47.2120, stations[0].Lat);
        Assert.Equal(TimeSpan.FromSeconds(45), stations[0].TurnoutTime);
        Assert.Equal("row-3", stations[1].Id);                    // no id on line 3
        Assert.Equal("Triesenberg", stations[1].Name);
        Assert.Equal("rk-malbun", stations[2].Id);                // line 5, after a blank line
        Assert.Equal("rk-malbun", stations[2].Name);              // no name: the id
        Assert.Equal("good-semicolon-aliases.csv:5", stations[2].Origin);
        Assert.Equal(1, Diagnostics.Count("station-id-generated"));
        Assert.Contains(Diagnostics.Items, d => d.Code == "station-columns-ignored" && d.Message.Contains("capacity", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_XAndYColumnsWithoutId_GeneratesRowIds()
    {
        var stations = StationFile.Read(TestData.Stations("good-xy.csv"), Diagnostics);

        Assert.Equal(["row-2", "row-3"], stations.Select(s => s.Id));
        Assert.Equal(["Vaduz", "Schaan"], stations.Select(s => s.Name));
        Assert.Equal(9.5087, stations[1].Lon);
        Assert.Equal(47.1651, stations[1].Lat);
    }

    [Theory]
    [InlineData("LONGITUDE,LATITUDE\n9.5,47.1\n")]
    [InlineData("Lng;Lat\n9.5;47.1\n")]
    [InlineData("lon\tlat\tname\n9.5\t47.1\tTabbed\n")]
    [InlineData("\n\n  lon , lat \n9.5,47.1\n")]
    public void Read_HeaderVariants_FindLongitudeAndLatitude(string content)
    {
        var stations = StationFile.Read(Temp("s.csv", content), Diagnostics);

        Assert.Equal(9.5, Assert.Single(stations).Lon);
        Assert.Equal(47.1, stations[0].Lat);
    }

    [Fact]
    public void Read_BadRows_ListsEveryProblemWithItsLineNumber_AndReadsNothing()
    {
        string path = TestData.Stations("bad-rows.csv");

        var ex = Fails(path);

        Assert.Contains("9 of 11 stations cannot be used, so none were read", ex.Message, StringComparison.Ordinal);
        string[] expected =
        [
            "bad-rows.csv line 4: latitude 147.2 is outside [-90, 90]",
            "bad-rows.csv line 5: longitude 200 is outside [-180, 180]",
            "bad-rows.csv line 6: longitude '9,5087' is not a number (use a dot as the decimal separator)",
            "bad-rows.csv line 7: longitude 'nine' is not a number",
            "bad-rows.csv line 8: latitude is missing",
            "bad-rows.csv line 9: duplicate id 'rk-vaduz' (first used on line 2)",
            "bad-rows.csv line 10: turnout -5 s is negative",
            "bad-rows.csv line 11: turnout 90000 s is more than 3600 s (one hour); turnout_s is in seconds",
            "bad-rows.csv line 12: has 6 fields but the header has 5 (a value with an unquoted ','?)",
        ];
        foreach (string line in expected)
        {
            Assert.Contains("\n  " + line, ex.Message, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("line 2:", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("line 3:", ex.Message, StringComparison.Ordinal);
        Assert.Equal(9, Diagnostics.Count("station-invalid"));
        Assert.Contains(Diagnostics.Items, d => d.Subject == "bad-rows.csv:4" && d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Read_LatitudeOutOfRangeButValidWhenSwapped_HintsAtSwap()
    {
        var ex = Fails(Temp("s.csv", "id,lon,lat\na,9.52,147.2\n"));

        Assert.Contains("s.csv line 2: latitude 147.2 is outside [-90, 90] (lat/lon swapped?)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MoreThanTenBadRows_ListsTenAndCountsTheRest()
    {
        var ex = Fails(TestData.Stations("many-bad-rows.csv"));

        Assert.Equal(10, ex.Message.Split('\n').Count(l => l.StartsWith("  many-bad-rows.csv line ", StringComparison.Ordinal)));
        Assert.Contains("many-bad-rows.csv line 11:", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("many-bad-rows.csv line 12:", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("\n  ... and 3 more", ex.Message, StringComparison.Ordinal);
        Assert.Equal(13, Diagnostics.Count("station-invalid"));
    }

    [Fact]
    public void Read_ColumnsSwappedAndBoundsGiven_SaysCoordinatesLookSwapped()
    {
        var options = new StationFileOptions { ExpectedBounds = Liechtenstein };

        var ex = Fails(TestData.Stations("swapped.csv"), options);

        Assert.Contains("coordinates look swapped (lat/lon)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("swapped.csv line 2: station 'rk-vaduz' at (47.141, 9.5215) is outside the road network's extent",
            ex.Message, StringComparison.Ordinal);
        Assert.Contains("3 of 3 stations cannot be used", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_StationOutsideBounds_IsNamed()
    {
        var options = new StationFileOptions { ExpectedBounds = Liechtenstein };

        var ex = Fails(TestData.Stations("outside.csv"), options);

        Assert.Contains(
            "outside.csv line 3: station 'zh-city' at (8.5417, 47.3769) is outside the road network's extent (lon 9.47 to 9.64, lat 47.04 to 47.28)",
            ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("swapped", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("rk-vaduz", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_StationOutsideButNoBoundsGiven_IsAccepted()
    {
        var stations = StationFile.Read(TestData.Stations("outside.csv"), Diagnostics);

        Assert.Equal(2, stations.Count);
        Assert.Equal("Zürich Stadt", stations[1].Name);
    }

    [Fact]
    public void Read_NoLongitudeColumn_SaysWhichNamesAreAccepted()
    {
        var ex = Fails(TestData.Stations("no-longitude.csv"));

        Assert.Contains("has no longitude column; expected one of lon, longitude, lng, long, x in the header, found id, name, east, lat",
            ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TwoLongitudeColumns_IsAmbiguous()
    {
        var ex = Fails(Temp("s.csv", "lon,x,lat\n9.5,9.5,47.1\n"));

        Assert.Contains("has two longitude columns ('lon' and 'x')", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyFile_SaysEmpty()
    {
        Assert.Contains("the stations file is empty", Fails(TestData.Stations("empty.csv")).Message, StringComparison.Ordinal);
        Assert.Contains("the stations file is empty", Fails(Temp("blank.csv", "\n  \r\n")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HeaderOnly_SaysNoStations()
    {
        var ex = Fails(TestData.Stations("header-only.csv"));

        Assert.Contains("contains no stations (only the header on line 1)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ProjectedCoordinates_SaysDegreesAreNeeded()
    {
        var ex = Fails(TestData.Stations("projected.csv"));

        Assert.Contains("projected.csv line 2: latitude 5968020.5 is outside [-90, 90] (the file seems to use projected coordinates",
            ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id,lon,lat\na,NaN,47.1\n", "longitude 'NaN' is not a finite number")]
    [InlineData("id,lon,lat\na,9.5,1e999\n", "latitude '1e999' is not a finite number")]
    [InlineData("id,lon,lat\na,9.5\n", "latitude is missing")]
    [InlineData("id,lon,lat\na,\"9.5,47.1\n", "a quote opened on line 2 is never closed")]
    [InlineData("id,lon,lat,turnout_s\na,9.5,47.1,1 min\n", "turnout '1 min' is not a number")]
    [InlineData("id,lon,lat,turnout_s\na,9.5,47.1,3600.5\n", "turnout 3600.5 s is more than 3600 s")]
    public void Read_BadValue_IsReportedOnItsLine(string content, string expected)
    {
        var ex = Fails(Temp("s.csv", content));

        Assert.Contains("s.csv line 2: " + expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_QuotedFieldsWithLineBreaks_KeepLineNumbersRight()
    {
        var ex = Fails(Temp("s.csv", "id,name,lon,lat\na,\"two\nlines\",9.5,47.1\nb,ok,9.5,91\n"));

        Assert.Contains("s.csv line 4: latitude 91 is outside [-90, 90]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ExactTurnoutLimits_AreAccepted()
    {
        var stations = StationFile.Read(Temp("s.csv", "id,lon,lat,turnout_s\na,9.5,47.1,0\nb,9.6,47.2,3600\nc,9.7,47.3,12.5\n"), Diagnostics);

        Assert.Equal([TimeSpan.Zero, TimeSpan.FromHours(1), TimeSpan.FromSeconds(12.5)], stations.Select(s => s.TurnoutTime));
    }

    [Fact]
    public void Read_TwoStationsAtTheSamePlace_WarnsButReads()
    {
        var stations = StationFile.Read(Temp("s.csv", "id,lon,lat\na,9.5,47.1\nb,9.5,47.1\n"), Diagnostics);

        Assert.Equal(2, stations.Count);
        var warning = Assert.Single(Diagnostics.Items, d => d.Code == "station-same-location");
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("stations 'a' and 'b' are at the same place", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Latin1File_IsReadWithAWarning()
    {
        string path = Path.Combine(Folder, "s.csv");
        File.WriteAllBytes(path, Encoding.Latin1.GetBytes("id,name,lon,lat\nzh,Zürich,8.54,47.37\n"));

        var stations = StationFile.Read(path, Diagnostics);

        Assert.Equal("Zürich", Assert.Single(stations).Name);
        Assert.Equal(1, Diagnostics.Count("station-file-encoding"));
    }

    [Fact]
    public void Read_Utf16TabSeparatedFromASpreadsheet_IsRead()
    {
        string path = Path.Combine(Folder, "s.txt");
        File.WriteAllText(path, "id\tname\tlon\tlat\r\nzh\tZürich\t8.54\t47.37\r\n", Encoding.Unicode);

        var station = Assert.Single(StationFile.Read(path, Diagnostics));

        Assert.Equal("Zürich", station.Name);
        Assert.Equal(8.54, station.Lon);
        Assert.DoesNotContain(Diagnostics.Items, d => d.Severity != DiagnosticSeverity.Info);
    }

    [Fact]
    public void Read_BinaryFile_IsRefused()
    {
        string path = Path.Combine(Folder, "extract.osm.pbf");
        File.WriteAllBytes(path, [0, 0, 0, 13, 10, 9, (byte)'O', (byte)'S', (byte)'M', (byte)'H', (byte)'e', (byte)'a', (byte)'d', (byte)'e', (byte)'r']);

        var ex = Fails(path);

        Assert.Contains("is a binary file, not a CSV or GeoJSON stations file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingFile_SaysNotFound()
    {
        var ex = Fails(Path.Combine(Folder, "nope.csv"));

        Assert.Contains("stations file not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DefaultTurnoutOutOfRange_IsAnArgumentError()
    {
        var options = new StationFileOptions { DefaultTurnoutTime = TimeSpan.FromSeconds(-1) };

        Assert.Throws<ArgumentOutOfRangeException>(() => StationFile.Read(TestData.Stations("good.csv"), Diagnostics, options));
    }

    [Fact]
    public void Read_ContentDecidesOverCsvExtension_AndFormatOptionDecidesOverContent()
    {
        string geoJson = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[9.5,47.1]}}]}";

        Assert.Equal(9.5, Assert.Single(StationFile.Read(Temp("really-geojson.csv", geoJson), Diagnostics)).Lon);
        Assert.Equal(9.5, Assert.Single(StationFile.Read(Temp("stations.txt", geoJson), Diagnostics)).Lon);
        var forced = new StationFileOptions { Format = StationFileFormat.Csv };
        Assert.Contains("has no longitude column",
            Fails(Temp("forced.csv", geoJson), forced).Message, StringComparison.Ordinal);
    }
}
