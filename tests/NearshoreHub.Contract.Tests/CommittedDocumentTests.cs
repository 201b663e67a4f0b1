namespace NearshoreHub.Contract.Tests;

/// <summary>
/// The generated .NET client (src/NearshoreHub.Client) is built from a committed copy of the document; this fails
/// when the served document has moved on. Refresh the copy (then rebuild) with:
///   bash tests/api-contract/refresh-openapi.sh
/// which runs this test with NEARSHOREHUB_REFRESH_OPENAPI=1, writing the served document over the copy.
/// </summary>
public sealed class CommittedDocumentTests(ContractFactory app) : IClassFixture<ContractFactory>
{
    [Fact]
    public async Task CommittedDocument_matches_the_served_document()
    {
        var served = await app.DocumentAsync();
        if (Environment.GetEnvironmentVariable("NEARSHOREHUB_REFRESH_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(ContractPaths.CommittedDocument, served);
            return;
        }

        var committed = File.Exists(ContractPaths.CommittedDocument) ? await File.ReadAllTextAsync(ContractPaths.CommittedDocument) : "";
        Assert.True(committed.ReplaceLineEndings("\n") == served,
            "src/NearshoreHub.Client/openapi.json differs from the served /swagger/v1/swagger.json. Run " +
            "`bash tests/api-contract/refresh-openapi.sh`, rebuild, and commit the new copy.");
    }
}
