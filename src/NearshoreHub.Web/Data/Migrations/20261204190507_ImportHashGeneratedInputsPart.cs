using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NearshoreHub.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ImportHashGeneratedInputsPart : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // import_hash grows from 32 to 40 bytes (ProfessionalImportHash: the generated columns' inputs' part).
            // bytea takes no length in PostgreSQL, so only the model changes; digests stored earlier keep their bytes,
            // still tell an unchanged row and their skills, and say nothing about those inputs until the row is written.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
