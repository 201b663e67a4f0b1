using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NearshoreHub.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SearchAndShortlists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // unaccent() is only STABLE; a generated column needs an IMMUTABLE wrapper with a fixed dictionary.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text
                LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
                AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
                """);

            migrationBuilder.AddColumn<string>(
                name: "city_size",
                table: "professionals",
                type: "character varying(5)",
                maxLength: 5,
                nullable: false,
                computedColumnSql: "CASE WHEN city_population >= 1000000 THEN 'metro' WHEN city_population >= 100000 THEN 'city' ELSE 'town' END",
                stored: true);

            migrationBuilder.AddColumn<string>(
                name: "search_text",
                table: "professionals",
                type: "text",
                nullable: false,
                computedColumnSql: "lower(f_unaccent(full_name || ' ' || headline || ' ' || city))",
                stored: true);

            migrationBuilder.CreateTable(
                name: "shortlist_entries",
                columns: table => new
                {
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    professional_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    added_by = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    added_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_shortlist_entries", x => new { x.project_id, x.professional_id });
                    table.ForeignKey(
                        name: "fk_shortlist_entries_professionals_professional_id",
                        column: x => x.professional_id,
                        principalTable: "professionals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_shortlist_entries_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_professionals_search_text",
                table: "professionals",
                column: "search_text")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_shortlist_entries_professional_id",
                table: "shortlist_entries",
                column: "professional_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "shortlist_entries");

            migrationBuilder.DropIndex(
                name: "ix_professionals_search_text",
                table: "professionals");

            migrationBuilder.DropColumn(
                name: "city_size",
                table: "professionals");

            migrationBuilder.DropColumn(
                name: "search_text",
                table: "professionals");

            migrationBuilder.Sql("DROP FUNCTION IF EXISTS f_unaccent(text);");
        }
    }
}
