namespace EmsCoverage.Cli;

/// <summary>Process exit codes, documented in <c>emscov --help</c> and the README.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int GapsFound = 1;
    public const int Usage = 2;
    public const int BadInput = 3;
    public const int Internal = 4;
}
