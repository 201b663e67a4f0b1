using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NearshoreHub.Web.Data.Migrations
{
    /// <summary>
    /// The export now selects through the in-memory candidate index like search, so no query reads professionals by free
    /// text, country or schedule, nor professional_skills by skill. Those indexes only cost writes: the trigram GIN index
    /// alone 3–4 s per 100,000 imported professionals. The foreign key on skill_id keeps a BRIN index (see
    /// ProfessionalSkillConfiguration).
    /// </summary>
    public partial class WritesOverReads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Created by hand in migration SearchIndexes, so not in the model.
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_professionals_schedule;");

            migrationBuilder.DropIndex(
                name: "ix_professionals_country",
                table: "professionals");

            migrationBuilder.DropIndex(
                name: "ix_professionals_search_text",
                table: "professionals");

            migrationBuilder.DropIndex(
                name: "ix_professional_skills_skill_id_level",
                table: "professional_skills");

            migrationBuilder.CreateIndex(
                name: "ix_professional_skills_skill_id",
                table: "professional_skills",
                column: "skill_id")
                .Annotation("Npgsql:IndexMethod", "brin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_professionals_schedule ON professionals (time_zone, work_start, work_end, work_days);");

            migrationBuilder.DropIndex(
                name: "ix_professional_skills_skill_id",
                table: "professional_skills");

            migrationBuilder.CreateIndex(
                name: "ix_professionals_country",
                table: "professionals",
                column: "country");

            migrationBuilder.CreateIndex(
                name: "ix_professionals_search_text",
                table: "professionals",
                column: "search_text")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_professional_skills_skill_id_level",
                table: "professional_skills",
                columns: new[] { "skill_id", "level" });
        }
    }
}
