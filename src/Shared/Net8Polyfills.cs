// Compiled into each library for its net8.0 target only: the few .NET 9+ BCL members the code uses, so the
// same sources build for .NET 8 hosts (ArcGIS Pro 3.x add-ins) without conditional code at every call site.
#if !NET9_0_OR_GREATER
namespace EmsCoverage.Compat
{
    internal static class Net8Polyfills
    {
        extension(Convert)
        {
            /// <summary>Lower-case hexadecimal, as <c>Convert.ToHexStringLower</c> on .NET 9 and later.</summary>
            public static string ToHexStringLower(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

            /// <summary>Lower-case hexadecimal, as <c>Convert.ToHexStringLower</c> on .NET 9 and later.</summary>
            public static string ToHexStringLower(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
        }
    }
}

namespace System.Threading
{
    /// <summary>On .NET 8, <c>lock</c> on an instance of this class is an ordinary monitor lock.</summary>
    internal sealed class Lock
    {
        private readonly object _monitor = new();

        public Scope EnterScope()
        {
            Monitor.Enter(_monitor);
            return new Scope(_monitor);
        }

        public readonly ref struct Scope(object monitor)
        {
            public void Dispose() => Monitor.Exit(monitor);
        }
    }
}
#endif
