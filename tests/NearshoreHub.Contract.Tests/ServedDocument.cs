using System.Text.Json;
using System.Text.Json.Nodes;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Contract.Tests;

/// <summary>The app on its own database, and the document it serves, fetched once per test class.</summary>
public class ContractFactory : NearshoreApiFactory
{
    private string? _document;

    public async Task<string> DocumentAsync()
    {
        if (_document is null)
        {
            using var client = Anonymous();
            var text = await client.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative));
            // Indented and with a final newline, as committed.
            _document = JsonNode.Parse(text)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        }

        return _document;
    }

    /// <summary>Writes the served document where the npm tools read it (tests/api-contract/out/openapi.json).</summary>
    public async Task<string> WriteForToolsAsync()
    {
        var path = Path.Combine(ContractPaths.Tools, "out", "openapi.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, await DocumentAsync());
        return path;
    }
}
