using System.Globalization;
using BitMiracle.LibTiff.Classic;

namespace EmsCoverage.Geo.Population;

/// <summary>
/// Process-wide set-up of LibTiff.NET for GeoTIFF reading: registers the GeoTIFF and GDAL tags (so they are read
/// with their types instead of as "unknown field" warnings), and routes LibTiff's error and warning messages to the
/// reader that is running on the current thread instead of the console.
/// </summary>
/// <remarks>
/// LibTiff.NET keeps its error handler and tag extender in static fields. Both are installed once and chain to what
/// was there before: messages raised outside a <see cref="Capture"/> scope (other code using LibTiff.NET in the same
/// process) go to the previous handler unchanged, and the previous tag extender still runs.
/// </remarks>
internal static class GeoTiffLibTiff
{
    /// <summary>ModelPixelScaleTag: (ScaleX, ScaleY, ScaleZ).</summary>
    public const TiffTag ModelPixelScale = TiffTag.GEOTIFF_MODELPIXELSCALETAG;

    /// <summary>ModelTiepointTag: (I, J, K, X, Y, Z) per tie point.</summary>
    public const TiffTag ModelTiepoint = TiffTag.GEOTIFF_MODELTIEPOINTTAG;

    /// <summary>ModelTransformationTag: 4×4 row-major matrix from raster (I, J, K, 1) to model space.</summary>
    public const TiffTag ModelTransformation = TiffTag.GEOTIFF_MODELTRANSFORMATIONTAG;

    /// <summary>GeoKeyDirectoryTag: SHORT array, header (version, revision, minor, count) then 4 SHORTs per key.</summary>
    public const TiffTag GeoKeyDirectory = TiffTag.GEOTIFF_GEOKEYDIRECTORYTAG;

    /// <summary>GeoDoubleParamsTag: values of double-valued keys.</summary>
    public const TiffTag GeoDoubleParams = (TiffTag)34736;

    /// <summary>GeoAsciiParamsTag: '|'-terminated values of text keys.</summary>
    public const TiffTag GeoAsciiParams = (TiffTag)34737;

    /// <summary>GDAL_NODATA: the no-data value as ASCII text (e.g. <c>-99999</c>, <c>nan</c>).</summary>
    public const TiffTag GdalNoData = TiffTag.GDAL_NODATA;

    private static readonly TiffFieldInfo[] Fields =
    [
        new(ModelPixelScale, -1, -1, TiffType.DOUBLE, FieldBit.Custom, true, true, "ModelPixelScaleTag"),
        new(ModelTiepoint, -1, -1, TiffType.DOUBLE, FieldBit.Custom, true, true, "ModelTiepointTag"),
        new(ModelTransformation, -1, -1, TiffType.DOUBLE, FieldBit.Custom, true, true, "ModelTransformationTag"),
        new(GeoKeyDirectory, -1, -1, TiffType.SHORT, FieldBit.Custom, true, true, "GeoKeyDirectoryTag"),
        new(GeoDoubleParams, -1, -1, TiffType.DOUBLE, FieldBit.Custom, true, true, "GeoDoubleParamsTag"),
        new(GeoAsciiParams, -1, -1, TiffType.ASCII, FieldBit.Custom, true, false, "GeoAsciiParamsTag"),
        new(GdalNoData, -1, -1, TiffType.ASCII, FieldBit.Custom, true, false, "GDALNoDataTag"),
    ];

    private static readonly Lock InstallLock = new();

    [ThreadStatic]
    private static List<string>? t_messages;

    private static bool s_installed;

    /// <summary>Installs the tag extender and the error router once per process; cheap to call again.</summary>
    public static void EnsureInstalled()
    {
        if (Volatile.Read(ref s_installed))
        {
            return;
        }

        lock (InstallLock)
        {
            if (s_installed)
            {
                return;
            }

            Tiff.TiffExtendProc? previousExtender = null;
            previousExtender = Tiff.SetTagExtender(tif =>
            {
                tif.MergeFieldInfo(Fields, Fields.Length);
                previousExtender?.Invoke(tif);
            });
            var router = new RoutingErrorHandler();
            router.Previous = Tiff.SetErrorHandler(router);
            Volatile.Write(ref s_installed, true);
        }
    }

    /// <summary>
    /// Collects LibTiff's error messages raised on this thread until the scope is disposed (warnings are dropped).
    /// Scopes nest; the innermost one receives the messages.
    /// </summary>
    public static Capture CaptureMessages()
    {
        EnsureInstalled();
        return new Capture();
    }

    /// <summary>A message-collecting scope; see <see cref="CaptureMessages"/>.</summary>
    internal sealed class Capture : IDisposable
    {
        private readonly List<string>? _outer;
        private readonly List<string> _messages = [];
        private bool _disposed;

        internal Capture()
        {
            _outer = t_messages;
            t_messages = _messages;
        }

        /// <summary>The error messages so far, oldest first.</summary>
        public IReadOnlyList<string> Messages => _messages;

        /// <summary>The messages as one sentence-like string for an exception, or a fallback when there are none.</summary>
        public string Summary(string fallback) =>
            _messages.Count == 0 ? fallback : string.Join("; ", _messages.Distinct(StringComparer.Ordinal).Take(3));

        /// <inheritdoc />
        public void Dispose()
        {
            if (!_disposed)
            {
                t_messages = _outer;
                _disposed = true;
            }
        }
    }

    private sealed class RoutingErrorHandler : TiffErrorHandler
    {
        public TiffErrorHandler? Previous { get; set; }

        public override void ErrorHandler(Tiff tif, string method, string format, params object[] args)
        {
            if (t_messages is { } messages)
            {
                messages.Add(Format(method, format, args));
            }
            else
            {
                (Previous ?? new TiffErrorHandler()).ErrorHandler(tif, method, format, args);
            }
        }

        // LibTiff calls both the plain and the Ext method for every message; while capturing, the plain one records it.
        public override void ErrorHandlerExt(Tiff tif, object clientData, string method, string format, params object[] args)
        {
            if (t_messages is null)
            {
                Previous?.ErrorHandlerExt(tif, clientData, method, format, args);
            }
        }

        public override void WarningHandler(Tiff tif, string method, string format, params object[] args)
        {
            if (t_messages is null)
            {
                (Previous ?? new TiffErrorHandler()).WarningHandler(tif, method, format, args);
            }
        }

        public override void WarningHandlerExt(Tiff tif, object clientData, string method, string format, params object[] args)
        {
            if (t_messages is null)
            {
                Previous?.WarningHandlerExt(tif, clientData, method, format, args);
            }
        }

        private static string Format(string method, string format, object[] args)
        {
            string text;
            try
            {
                text = args.Length == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, args);
            }
            catch (FormatException)
            {
                text = format;
            }

            // LibTiff puts the file name (or a function name) in front; the reader names the file itself.
            text = text.ReplaceLineEndings(" ").Trim();
            return string.IsNullOrEmpty(method) || text.StartsWith(method, StringComparison.Ordinal) ? text : $"{method}: {text}";
        }
    }
}
