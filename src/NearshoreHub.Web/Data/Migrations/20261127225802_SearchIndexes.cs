using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NearshoreHub.Web.Data.Migrations
{
    /// <summary>
    /// Indexes for the recruiter search at 2.2 million rows: each sort order with its id tie-break (so a page is an
    /// index scan with a LIMIT, never a sort of every match), the availability filter, and the schedule columns the
    /// overlap filter matches on. Kept as SQL: they serve hand-written queries, not the EF model.
    /// </summary>
    public partial class SearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_professionals_full_name_id ON professionals (full_name, id);");
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_professionals_updated_at_desc_id ON professionals (updated_at DESC, id);");
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_professionals_hourly_rate_usd_id ON professionals (hourly_rate_usd, id);");
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_professionals_available_from ON professionals (available_from);");
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_professionals_schedule ON professionals (time_zone, work_start, work_end, work_days);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_professionals_schedule;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_professionals_available_from;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_professionals_hourly_rate_usd_id;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_professionals_updated_at_desc_id;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_professionals_full_name_id;");
        }
    }
}
