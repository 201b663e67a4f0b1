using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NearshoreHub.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ImportHash : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_professionals_updated_at",
                table: "professionals");

            migrationBuilder.AddColumn<byte[]>(
                name: "import_hash",
                table: "professionals",
                type: "bytea",
                maxLength: 16,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "import_hash",
                table: "professionals");

            migrationBuilder.CreateIndex(
                name: "ix_professionals_updated_at",
                table: "professionals",
                column: "updated_at");
        }
    }
}
