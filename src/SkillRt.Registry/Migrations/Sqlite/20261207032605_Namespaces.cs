using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SkillRt.Registry.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Namespaces : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "registry_co_owners",
                columns: table => new
                {
                    RegistrationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AddedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_co_owners", x => new { x.RegistrationId, x.OwnerId });
                    table.ForeignKey(
                        name: "FK_registry_co_owners_registry_packages_RegistrationId",
                        column: x => x.RegistrationId,
                        principalTable: "registry_packages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "registry_domain_verifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    NormalizedPrefix = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Domain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    Token = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RequestedByAccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    VerifiedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_domain_verifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "registry_owner_invitations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegistrationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    FromOwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InvitedByAccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_owner_invitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_registry_owner_invitations_registry_packages_RegistrationId",
                        column: x => x.RegistrationId,
                        principalTable: "registry_packages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "registry_prefixes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    NormalizedPrefix = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReservedByAccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReservedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    VerifiedDomain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: true),
                    VerifiedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_prefixes", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_registry_co_owners_OwnerId",
                table: "registry_co_owners",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_registry_domain_verifications_OwnerId_NormalizedPrefix",
                table: "registry_domain_verifications",
                columns: new[] { "OwnerId", "NormalizedPrefix" });

            migrationBuilder.CreateIndex(
                name: "IX_registry_owner_invitations_OwnerId",
                table: "registry_owner_invitations",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_registry_owner_invitations_RegistrationId_OwnerId",
                table: "registry_owner_invitations",
                columns: new[] { "RegistrationId", "OwnerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_registry_prefixes_NormalizedPrefix",
                table: "registry_prefixes",
                column: "NormalizedPrefix",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_registry_prefixes_OwnerId",
                table: "registry_prefixes",
                column: "OwnerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "registry_co_owners");

            migrationBuilder.DropTable(
                name: "registry_domain_verifications");

            migrationBuilder.DropTable(
                name: "registry_owner_invitations");

            migrationBuilder.DropTable(
                name: "registry_prefixes");
        }
    }
}
