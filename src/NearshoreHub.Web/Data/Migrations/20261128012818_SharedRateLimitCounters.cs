using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NearshoreHub.Web.Data.Migrations
{
    /// <summary>
    /// Request counters shared by every instance (Infrastructure/RateLimitCounterStore): one row per partition
    /// (API key, user, IP) with the start of its current window. UNLOGGED: counters of the current minute are worth
    /// no WAL traffic, and losing them in a crash only restarts one window. Kept as SQL: only the store's
    /// hand-written statements touch it, never the EF model.
    /// </summary>
    public partial class SharedRateLimitCounters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE UNLOGGED TABLE IF NOT EXISTS rate_limit_counters (
                    partition_key text NOT NULL,
                    window_start timestamptz NOT NULL,
                    count integer NOT NULL,
                    CONSTRAINT pk_rate_limit_counters PRIMARY KEY (partition_key)
                );
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS rate_limit_counters;");
        }
    }
}
