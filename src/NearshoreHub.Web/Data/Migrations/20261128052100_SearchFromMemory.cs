using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NearshoreHub.Web.Data.Migrations
{
    /// <summary>
    /// Recruiter search orders and filters in the in-memory candidate index, so the B-tree indexes that only served SQL
    /// sorting by name, last change and rate, and the availability filter, cost every write and serve no read. The
    /// export (id order) and the trigram index for its free text stay.
    /// </summary>
    public partial class SearchFromMemory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_professionals_full_name_id;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_professionals_updated_at_desc_id;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_professionals_hourly_rate_usd_id;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_professionals_available_from;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_professionals_full_name_id ON professionals (full_name, id);");
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_professionals_updated_at_desc_id ON professionals (updated_at DESC, id);");
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_professionals_hourly_rate_usd_id ON professionals (hourly_rate_usd, id);");
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_professionals_available_from ON professionals (available_from);");
        }
    }
}
