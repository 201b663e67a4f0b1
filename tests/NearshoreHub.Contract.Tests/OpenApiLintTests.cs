namespace NearshoreHub.Contract.Tests;

/// <summary>
/// The served document passes Spectral (spectral:oas + the OWASP API ruleset, no errors), Redocly's recommended
/// rules, and TypeScript types generated from it by openapi-typescript type-check a client journey under --strict.
/// Exceptions are scoped to paths: tools/api-contract/.spectral.yaml and .redocly.lint-ignore.yaml.
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
        var (code, output) = await NpmTools.RunAsync("redocly", "lint tools/api-contract/out/openapi.json --config redocly.yaml --format stylish", ContractPaths.Root);
        Assert.True(code == 0, "Redocly found problems:\n" + output);
    }

    [Fact]
    public async Task A_TypeScript_journey_compiles_against_openapi_typescript_types_under_strict()
    {
        await app.WriteForToolsAsync();
        var (generated, generateOutput) = await NpmTools.RunAsync("openapi-typescript", "out/openapi.json -o out/api.d.ts");
        Assert.True(generated == 0, "openapi-typescript failed:\n" + generateOutput);
        var (code, output) = await NpmTools.RunAsync("tsc", "-p tsconfig.json");
        Assert.True(code == 0, "tsc --strict failed on ts/journey.ts:\n" + output);
    }
}
