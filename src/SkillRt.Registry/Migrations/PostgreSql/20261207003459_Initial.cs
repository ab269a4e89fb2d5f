using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SkillRt.Registry.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "registry_packages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PackageId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    NormalizedId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    TotalDownloads = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_packages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "registry_versions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RegistrationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    NormalizedVersion = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    FullVersion = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    IsPrerelease = table.Column<bool>(type: "boolean", nullable: false),
                    IsListed = table.Column<bool>(type: "boolean", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PackageSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PackageSize = table.Column<long>(type: "bigint", nullable: false),
                    Downloads = table.Column<long>(type: "bigint", nullable: false),
                    Title = table.Column<string>(type: "text", nullable: true),
                    Description = table.Column<string>(type: "text", nullable: true),
                    Authors = table.Column<string>(type: "text", nullable: true),
                    Tags = table.Column<string>(type: "text", nullable: true),
                    ProjectUrl = table.Column<string>(type: "text", nullable: true),
                    LicenseExpression = table.Column<string>(type: "text", nullable: true),
                    DependencyGroupsJson = table.Column<string>(type: "text", nullable: false),
                    ManifestJson = table.Column<string>(type: "text", nullable: false),
                    Nuspec = table.Column<string>(type: "text", nullable: false),
                    SearchText = table.Column<string>(type: "text", nullable: false),
                    Runtimes = table.Column<string>(type: "text", nullable: false),
                    Permissions = table.Column<string>(type: "text", nullable: false),
                    OutputTypes = table.Column<string>(type: "text", nullable: false),
                    Inputs = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_versions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_registry_versions_registry_packages_RegistrationId",
                        column: x => x.RegistrationId,
                        principalTable: "registry_packages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_registry_packages_NormalizedId",
                table: "registry_packages",
                column: "NormalizedId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_registry_packages_OwnerId",
                table: "registry_packages",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_registry_versions_PackageSha256",
                table: "registry_versions",
                column: "PackageSha256");

            migrationBuilder.CreateIndex(
                name: "IX_registry_versions_RegistrationId_NormalizedVersion",
                table: "registry_versions",
                columns: new[] { "RegistrationId", "NormalizedVersion" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "registry_versions");

            migrationBuilder.DropTable(
                name: "registry_packages");
        }
    }
}
