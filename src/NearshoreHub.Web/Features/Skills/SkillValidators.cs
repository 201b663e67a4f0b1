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

public sealed class SkillRequestValidator : AbstractValidator<SkillRequest>
{
    public SkillRequestValidator(SkillCatalog catalog)
    {
        // Skill lists are written "Java:4:6;React:3:2" by the CSV export and read "java,react:3" by the search, so a name
        // holding ';' or ',' could never be imported back or searched for.
        RuleFor(r => r.Name).NotEmpty().MaximumLength(80).Must(IsListSafe).WithMessage(ListSafeMessage);
        RuleFor(r => r.Slug).Matches("^[a-z0-9]+(-[a-z0-9]+)*$").MaximumLength(80).When(r => r.Slug is not null)
            .WithMessage("A slug uses lower-case letters, digits and single hyphens.");
        RuleFor(r => r.Category).NotNull();
        RuleFor(r => r.Aliases).ItemCount(0, 20).WithMessage("At most 20 aliases.");
        RuleForEach(r => r.Aliases).NotEmpty().MaximumLength(80).Must(IsListSafe).WithMessage(ListSafeMessage);
        RuleFor(r => r.Related).ItemCount(0, 50).WithMessage("At most 50 related skills.");
        RuleForEach(r => r.Related).NotNull().WithMessage("Must be a related-skill object, not null.").ChildRules(related =>
        {
            related.RuleFor(x => x.Skill).NotEmpty().MaximumLength(80)
                .Must(s => catalog.Resolve(s) is not null).WithMessage((_, s) => catalog.Describe(s ?? ""));
            related.RuleFor(x => x.Similarity).ExclusiveBetween(0, 1);
        });
    }

    private const string ListSafeMessage = "Must not contain ';', ',' (they separate skills in lists), control, bidi or zero-width characters.";

    private static bool IsListSafe(string? name) => name is null || (name.AsSpan().IndexOfAny(';', ',') < 0 && Common.TextRules.IsVisibleText(name));
}

public sealed class SkillListQueryValidator : AbstractValidator<SkillListQuery>
{
    public SkillListQueryValidator()
    {
        this.AddPageRules();
        RuleFor(q => q.Q).MaximumLength(PageQuery.MaxQueryText);
    }
}
