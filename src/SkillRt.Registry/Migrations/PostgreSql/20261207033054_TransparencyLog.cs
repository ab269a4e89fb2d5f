using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SkillRt.Registry.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class TransparencyLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "registry_log_entries",
                columns: table => new
                {
                    LeafIndex = table.Column<long>(type: "bigint", nullable: false),
                    NormalizedId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    NormalizedVersion = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    VersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Entry = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false),
                    AppendedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_log_entries", x => x.LeafIndex);
                });

            migrationBuilder.CreateTable(
                name: "registry_log_nodes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    Index = table.Column<long>(type: "bigint", nullable: false),
                    Hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_log_nodes", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_registry_log_entries_NormalizedId_NormalizedVersion",
                table: "registry_log_entries",
                columns: new[] { "NormalizedId", "NormalizedVersion" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "registry_log_entries");

            migrationBuilder.DropTable(
                name: "registry_log_nodes");
        }
    }
}
