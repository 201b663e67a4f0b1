using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NearshoreHub.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ImportHashSkillParts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // import_hash grows from 16 to 32 bytes (ProfessionalImportHash: the skill list's and skill ids' parts).
            // bytea takes no length in PostgreSQL, so only the model changes; digests stored before keep their 16 bytes
            // and still tell an unchanged row.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
