using FluentValidation;
using NearshoreHub.Web.Data.Configurations;
using NearshoreHub.Web.Features.Common;

namespace NearshoreHub.Web.Features.Notes;

public sealed record NoteRequest(string? Text);

public sealed record NoteAuthorDto(Guid Id, string Name);

public sealed record NoteDto(Guid Id, Guid ProfessionalId, string Text, NoteAuthorDto Author, DateTimeOffset CreatedAt);

public sealed record NoteListQuery : PageQuery;

public sealed class NoteRequestValidator : AbstractValidator<NoteRequest>
{
    public NoteRequestValidator()
    {
        RuleFor(r => r.Text).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("Write the note's text.")
            .MaximumLength(ProfessionalNoteConfiguration.MaxTextLength)
            .WithMessage($"At most {ProfessionalNoteConfiguration.MaxTextLength:N0} characters.");
    }
}

public sealed class NoteListQueryValidator : AbstractValidator<NoteListQuery>
{
    public NoteListQueryValidator() => this.AddPageRules();
}
