namespace NearshoreHub.Contract.Tests;

/// <summary>
/// The served document passes Spectral (spectral:oas + the OWASP API ruleset, no errors), Redocly's recommended
/// rules. (Types from openapi-typescript are checked by TypeScriptJourneyTests.)
/// Exceptions are scoped to paths: tests/api-contract/.spectral.yaml and .redocly.lint-ignore.yaml.
/// </summary>
public sealed class OpenApiLintTests(ContractFactory app) : IClassFixture<ContractFactory>
{
    [Fact]
    public async Task Spectral_with_the_OWASP_ruleset_reports_no_errors()
    {
        await app.WriteForToolsAsync();
        var (code, output) = await NpmTools.RunAsync("spectral", "lint out/openapi.json -r .spectral.yaml --fail-severity error -D -q");
        Assert.True(code == 0, "Spectral found errors:\n" + output);
    }

    [Fact]
    public async Task Redocly_recommended_rules_pass()
    {
        await app.WriteForToolsAsync();
        var (code, output) = await NpmTools.RunAsync("redocly", "lint tests/api-contract/out/openapi.json --config .redocly.yaml --format stylish", ContractPaths.Root);
        Assert.True(code == 0, "Redocly found problems:\n" + output);
    }
}
