using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;
using NearshoreHub.Web.Infrastructure.OpenApi;

namespace NearshoreHub.Web.Features.Skills;

public sealed record RelatedSkillDto(string Name, string Slug, double Similarity);

public sealed record SkillDto(int Id, string Name, string Slug, SkillCategory Category, IReadOnlyList<string> Aliases, IReadOnlyList<RelatedSkillDto> Related);

public sealed record RelatedSkillRequest(string? Skill, double Similarity);

public sealed record SkillRequest(string? Name, string? Slug, SkillCategory? Category, IReadOnlyList<string>? Aliases, IReadOnlyList<RelatedSkillRequest>? Related);

public sealed record SkillListQuery : PageQuery
{
    public string? Q { get; init; }
    public SkillCategory? Category { get; init; }
}
