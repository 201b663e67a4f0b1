namespace NearshoreHub.Contract.Tests;

/// <summary>Where the committed document and the npm tools live, found from the test assembly upwards.</summary>
internal static class ContractPaths
{
    public static readonly string Root = FindRoot();
    public static string CommittedDocument => Path.Combine(Root, "src", "NearshoreHub.Client", "openapi.json");
    public static string Tools => Path.Combine(Root, "tests", "api-contract");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NearshoreHub.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("NearshoreHub.sln not found above " + AppContext.BaseDirectory);
    }
}
