using System.Text.Json;
using System.Text.Json.Nodes;
using NearshoreHub.Web.Features.Common;

namespace NearshoreHub.Web.Features.Projects;

/// <summary>Which fields of the API's project an update really changed, named as the API names them (project.updated's changedFields).</summary>
internal static class ProjectChanges
{
    private static readonly HashSet<string> NotFields = new(StringComparer.Ordinal) { "id", "companyId", "createdAt", "updatedAt" };
    private static readonly JsonSerializerOptions Json = CreateJson();

    /// <summary>Compares the project as the API shows it before and after, so a field counts only when a reader would see it change.</summary>
    public static List<string> ChangedFields(ProjectDto before, ProjectDto after)
    {
        var old = JsonSerializer.SerializeToNode(before, Json)!.AsObject();
        var now = JsonSerializer.SerializeToNode(after, Json)!.AsObject();
        return now.Where(p => !NotFields.Contains(p.Key) && !JsonNode.DeepEquals(p.Value, old[p.Key]))
            .Select(p => p.Key)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonSetup.Configure(options);
        return options;
    }
}
