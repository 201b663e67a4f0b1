using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Matching;
using NearshoreHub.Web.Data.Entities;

namespace NearshoreHub.Web.Data;

public sealed class NearshoreDbContext(DbContextOptions<NearshoreDbContext> options)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Skill> Skills => Set<Skill>();
    public DbSet<SkillRelation> SkillRelations => Set<SkillRelation>();
    public DbSet<Professional> Professionals => Set<Professional>();
    public DbSet<ProfessionalSkill> ProfessionalSkills => Set<ProfessionalSkill>();
    public DbSet<Company> Companies => Set<Company>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<ProjectSkill> ProjectSkills => Set<ProjectSkill>();
    public DbSet<MatchReport> MatchReports => Set<MatchReport>();
    public DbSet<ShortlistEntry> ShortlistEntries => Set<ShortlistEntry>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<ProfessionalNote> ProfessionalNotes => Set<ProfessionalNote>();
    public DbSet<SavedSearch> SavedSearches => Set<SavedSearch>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<ProtectedSecret> ProtectedSecrets => Set<ProtectedSecret>();
    public DbSet<Holiday> Holidays => Set<Holiday>();
    public DbSet<CompanyClosure> CompanyClosures => Set<CompanyClosure>();
    public DbSet<Interview> Interviews => Set<Interview>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();
    public DbSet<WebhookEvent> WebhookEvents => Set<WebhookEvent>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<WebhookAttempt> WebhookAttempts => Set<WebhookAttempt>();
    public DbSet<CandidateDecision> CandidateDecisions => Set<CandidateDecision>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("unaccent");
        builder.ApplyConfigurationsFromAssembly(typeof(NearshoreDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name so the database stays readable and reordering an enum is harmless.
        configurationBuilder.Properties<SkillCategory>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<EnglishLevel>().HaveConversion<string>().HaveMaxLength(2);
        configurationBuilder.Properties<Seniority>().HaveConversion<string>().HaveMaxLength(8);
        configurationBuilder.Properties<ProfessionalStatus>().HaveConversion<string>().HaveMaxLength(8);
        configurationBuilder.Properties<ProjectStatus>().HaveConversion<string>().HaveMaxLength(8);
        configurationBuilder.Properties<ReviewStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ShortlistStatus>().HaveConversion<string>().HaveMaxLength(16);
    }
}
