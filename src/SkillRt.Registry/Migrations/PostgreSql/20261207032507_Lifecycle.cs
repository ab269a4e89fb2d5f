using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SkillRt.Registry.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Lifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "registry_audit",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OccurredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ActorAccountId = table.Column<Guid>(type: "uuid", nullable: true),
                    ActorName = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PackageId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    NormalizedPackageId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    PackageVersion = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    Target = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    DetailsJson = table.Column<string>(type: "text", nullable: true),
                    ClientAddress = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_audit", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "registry_tombstones",
                columns: table => new
                {
                    NormalizedId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    NormalizedVersion = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    PackageId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Version = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    PackageSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DeletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DeletedByAccountId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_tombstones", x => new { x.NormalizedId, x.NormalizedVersion });
                });

            migrationBuilder.CreateTable(
                name: "registry_version_lifecycle",
                columns: table => new
                {
                    VersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    IsYanked = table.Column<bool>(type: "boolean", nullable: false),
                    YankedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DeprecationReasons = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DeprecationMessage = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    AlternatePackageId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    AlternatePackageRange = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    DeprecatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_version_lifecycle", x => x.VersionId);
                    table.ForeignKey(
                        name: "FK_registry_version_lifecycle_registry_versions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "registry_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_registry_audit_Action_Id",
                table: "registry_audit",
                columns: new[] { "Action", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_registry_audit_ActorAccountId_Id",
                table: "registry_audit",
                columns: new[] { "ActorAccountId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_registry_audit_NormalizedPackageId_Id",
                table: "registry_audit",
                columns: new[] { "NormalizedPackageId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_registry_audit_OccurredAt",
                table: "registry_audit",
                column: "OccurredAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "registry_audit");

            migrationBuilder.DropTable(
                name: "registry_tombstones");

            migrationBuilder.DropTable(
                name: "registry_version_lifecycle");
        }
    }
}
