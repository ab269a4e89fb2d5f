using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SkillRt.Registry.Migrations.PostgreSql
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
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "registry_abuse_reports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PackageId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    NormalizedId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Version = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    Category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ReporterAccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReporterName = table.Column<string>(type: "character varying(39)", maxLength: 39, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ResolvedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ResolvedBy = table.Column<string>(type: "character varying(39)", maxLength: 39, nullable: true),
                    ResolutionNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_abuse_reports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "registry_appeals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    VersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountName = table.Column<string>(type: "character varying(39)", maxLength: 39, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ResolvedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ResolvedBy = table.Column<string>(type: "character varying(39)", maxLength: 39, nullable: true),
                    ResolutionNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    VersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Ordinal = table.Column<int>(type: "integer", nullable: false),
                    RuleId = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Severity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Blocking = table.Column<bool>(type: "boolean", nullable: false),
                    File = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    Line = table.Column<int>(type: "integer", nullable: true),
                    Message = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Evidence = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Fix = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
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
