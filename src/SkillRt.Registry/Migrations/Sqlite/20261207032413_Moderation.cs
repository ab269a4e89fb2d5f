using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SkillRt.Registry.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Moderation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsQuarantined",
                table: "registry_versions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "registry_abuse_reports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PackageId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    NormalizedId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Category = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ReporterAccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReporterName = table.Column<string>(type: "TEXT", maxLength: 39, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ResolvedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResolvedBy = table.Column<string>(type: "TEXT", maxLength: 39, nullable: true),
                    ResolutionNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_abuse_reports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "registry_appeals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    VersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountName = table.Column<string>(type: "TEXT", maxLength: 39, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ResolvedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResolvedBy = table.Column<string>(type: "TEXT", maxLength: 39, nullable: true),
                    ResolutionNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_appeals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_registry_appeals_registry_versions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "registry_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "registry_findings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    VersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    RuleId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Blocking = table.Column<bool>(type: "INTEGER", nullable: false),
                    File = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    Line = table.Column<int>(type: "INTEGER", nullable: true),
                    Message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Fix = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_findings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_registry_findings_registry_versions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "registry_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_registry_versions_IsQuarantined",
                table: "registry_versions",
                column: "IsQuarantined");

            migrationBuilder.CreateIndex(
                name: "IX_registry_abuse_reports_NormalizedId_Version",
                table: "registry_abuse_reports",
                columns: new[] { "NormalizedId", "Version" });

            migrationBuilder.CreateIndex(
                name: "IX_registry_abuse_reports_ReporterAccountId_State",
                table: "registry_abuse_reports",
                columns: new[] { "ReporterAccountId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_registry_abuse_reports_State_CreatedAt",
                table: "registry_abuse_reports",
                columns: new[] { "State", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_registry_appeals_State",
                table: "registry_appeals",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_registry_appeals_VersionId",
                table: "registry_appeals",
                column: "VersionId",
                unique: true,
                filter: "\"State\" = 'open'");

            migrationBuilder.CreateIndex(
                name: "IX_registry_findings_VersionId_Ordinal",
                table: "registry_findings",
                columns: new[] { "VersionId", "Ordinal" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "registry_abuse_reports");

            migrationBuilder.DropTable(
                name: "registry_appeals");

            migrationBuilder.DropTable(
                name: "registry_findings");

            migrationBuilder.DropIndex(
                name: "IX_registry_versions_IsQuarantined",
                table: "registry_versions");

            migrationBuilder.DropColumn(
                name: "IsQuarantined",
                table: "registry_versions");
        }
    }
}
