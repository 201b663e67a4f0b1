using System.Text.RegularExpressions;

namespace NearshoreHub.Web.Tests.Architecture;

/// <summary>
/// The house's limits (style.md, issue 14), kept by the suite rather than by review: small files, small folders, few
/// types per file, and dependencies that run one way. Generated code (migrations, anything marked auto-generated,
/// bin/obj) is exempt; everything hand-written under src/ and tests/ counts.
/// </summary>
public sealed partial class HouseRulesTests
{
    private const int MaxLines = 400;
    private const int MaxFilesPerFolder = 12;
    private const int MaxTypesPerFile = 4;

    private static readonly string Root = FindRepositoryRoot();

    [Fact]
    public void No_hand_written_source_file_is_over_400_lines()
    {
        var tooLong = HandWrittenSources()
            .Select(f => (File: f, Lines: File.ReadLines(f).Count()))
            .Where(f => f.Lines > MaxLines)
            .Select(f => $"{Relative(f.File)}: {f.Lines} lines")
            .ToList();

        Assert.True(tooLong.Count == 0, "Split these by concern:\n" + string.Join('\n', tooLong));
    }

    [Fact]
    public void No_folder_holds_more_than_12_source_files_of_its_own()
    {
        var crowded = HandWrittenSources()
            .GroupBy(f => Path.GetDirectoryName(f)!)
            .Where(g => g.Count() > MaxFilesPerFolder)
            .Select(g => $"{Relative(g.Key)}: {g.Count()} files")
            .ToList();

        Assert.True(crowded.Count == 0, "Give these sub-folders:\n" + string.Join('\n', crowded));
    }

    [Fact]
    public void No_file_but_a_contracts_file_declares_more_than_4_top_level_types()
    {
        var crowded = HandWrittenSources()
            .Where(f => !Path.GetFileName(f).EndsWith("Contracts.cs", StringComparison.Ordinal))
            .Select(f => (File: f, Types: File.ReadLines(f).Count(l => TopLevelType().IsMatch(l))))
            .Where(f => f.Types > MaxTypesPerFile)
            .Select(f => $"{Relative(f.File)}: {f.Types} types")
            .ToList();

        Assert.True(crowded.Count == 0, "One concern per file:\n" + string.Join('\n', crowded));
    }

    /// <summary>
    /// The design card fixes the top level: src/, tests/, docs/, the solution, the README, docker-compose.yml and the
    /// build's props, plus conventional dotfiles (.ci/, .github/, .config/ …) and global.json (issue 14). Build and test
    /// output that .gitignore keeps out of the repository may appear too.
    /// </summary>
    [Fact]
    public void The_top_level_holds_only_what_the_design_card_names()
    {
        string[] named =
        [
            "src", "tests", "docs", "NearshoreHub.sln", "README.md", "docker-compose.yml", "Directory.Build.props",
            "Directory.Packages.props", "global.json",
        ];
        string[] ignoredOutput = ["bin", "obj", "TestResults", "BenchmarkDotNet.Artifacts", "artifacts", "node_modules"];
        var unexpected = Directory.EnumerateFileSystemEntries(Root)
            .Select(Path.GetFileName)
            .Where(name => !name!.StartsWith('.') && !named.Contains(name) && !ignoredOutput.Contains(name))
            .ToList();

        Assert.True(unexpected.Count == 0, "Move these under src/, tests/, docs/ or a dot-folder:\n" + string.Join('\n', unexpected));
    }

    [Fact]
    public void Data_never_references_features()
    {
        var data = Path.Combine(Root, "src", "NearshoreHub.Web", "Data");
        var offending = HandWrittenSources(data)
            .Where(f => File.ReadLines(f).Any(l => l.Contains("NearshoreHub.Web.Features", StringComparison.Ordinal)))
            .Select(Relative)
            .ToList();

        Assert.True(offending.Count == 0, "Data/ must not depend on Features/:\n" + string.Join('\n', offending));
    }

    [Fact]
    public void The_rules_see_the_whole_tree()
    {
        // A wrong root or filter would make every rule above pass on nothing.
        var sources = HandWrittenSources().ToList();
        Assert.Contains(sources, f => f.EndsWith(Path.Combine("Index", "CandidateIndex.cs"), StringComparison.Ordinal));
        Assert.Contains(sources, f => f.EndsWith("HouseRulesTests.cs", StringComparison.Ordinal));
        Assert.DoesNotContain(sources, f => f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        Assert.True(sources.Count > 300, $"Only {sources.Count} sources found under {Root}.");
    }

    private static IEnumerable<string> HandWrittenSources(string? under = null)
    {
        var roots = under is null ? [Path.Combine(Root, "src"), Path.Combine(Root, "tests")] : new[] { under };
        var skipped = new[] { "bin", "obj", "Migrations", "node_modules" };
        return roots
            .SelectMany(r => Directory.EnumerateFiles(r, "*.cs", SearchOption.AllDirectories))
            .Where(f => !Relative(f).Split(Path.DirectorySeparatorChar).Any(part => skipped.Contains(part)))
            .Where(f => !File.ReadLines(f).Take(12).Any(l => l.Contains("<auto-generated", StringComparison.OrdinalIgnoreCase)));
    }

    private static string Relative(string path) => Path.GetRelativePath(Root, path);

    private static string FindRepositoryRoot()
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

    // File-scoped namespaces put every top-level declaration at column 0; nested types are indented.
    [GeneratedRegex(@"^(public |internal |file )?((static|sealed|abstract|readonly|partial|ref|unsafe) )*(class|record|struct|interface|enum|delegate) ")]
    private static partial Regex TopLevelType();
}
