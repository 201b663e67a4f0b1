namespace NearshoreHub.Benchmarks;

/// <summary>A subcommand's arguments as <c>--name value</c> pairs (the leading dashes dropped; a name given twice keeps its last value).</summary>
internal static class CommandLineOptions
{
    public static Dictionary<string, string> Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        return options;
    }
}
