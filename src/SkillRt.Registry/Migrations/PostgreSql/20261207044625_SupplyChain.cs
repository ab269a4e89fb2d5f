using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SkillRt.Registry.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class SupplyChain : Migration
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
                name: "registry_co_owners",
                columns: table => new
                {
                    RegistrationId = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    AddedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Prefix = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    NormalizedPrefix = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Domain = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    Token = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RequestedByAccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    VerifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_domain_verifications", x => x.Id);
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

            migrationBuilder.CreateTable(
                name: "registry_owner_invitations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RegistrationId = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    FromOwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    InvitedByAccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Prefix = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    NormalizedPrefix = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReservedByAccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReservedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    VerifiedDomain = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: true),
                    VerifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_prefixes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "registry_signing_keys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    KeyId = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PublicKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    AddedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AddedByAccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevokedByAccountId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_signing_keys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "registry_signing_policies",
                columns: table => new
                {
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequireSignatures = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedByAccountId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_signing_policies", x => x.OwnerId);
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

            migrationBuilder.CreateTable(
                name: "registry_version_signatures",
                columns: table => new
                {
                    VersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    KeyId = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Signature = table.Column<string>(type: "character varying(16384)", maxLength: 16384, nullable: false),
                    SignedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_version_signatures", x => x.VersionId);
                    table.ForeignKey(
                        name: "FK_registry_version_signatures_registry_versions_VersionId",
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

            migrationBuilder.CreateIndex(
                name: "IX_registry_co_owners_OwnerId",
                table: "registry_co_owners",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_registry_domain_verifications_OwnerId_NormalizedPrefix",
                table: "registry_domain_verifications",
                columns: new[] { "OwnerId", "NormalizedPrefix" });

            migrationBuilder.CreateIndex(
                name: "IX_registry_findings_VersionId_Ordinal",
                table: "registry_findings",
                columns: new[] { "VersionId", "Ordinal" });

            migrationBuilder.CreateIndex(
                name: "IX_registry_log_entries_NormalizedId_NormalizedVersion",
                table: "registry_log_entries",
                columns: new[] { "NormalizedId", "NormalizedVersion" });

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

            migrationBuilder.CreateIndex(
                name: "IX_registry_signing_keys_OwnerId_KeyId",
                table: "registry_signing_keys",
                columns: new[] { "OwnerId", "KeyId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_registry_version_signatures_KeyId",
                table: "registry_version_signatures",
                column: "KeyId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "registry_abuse_reports");

            migrationBuilder.DropTable(
                name: "registry_appeals");

            migrationBuilder.DropTable(
                name: "registry_audit");

            migrationBuilder.DropTable(
                name: "registry_co_owners");

            migrationBuilder.DropTable(
                name: "registry_domain_verifications");

            migrationBuilder.DropTable(
                name: "registry_findings");

            migrationBuilder.DropTable(
                name: "registry_log_entries");

            migrationBuilder.DropTable(
                name: "registry_log_nodes");

            migrationBuilder.DropTable(
                name: "registry_owner_invitations");

            migrationBuilder.DropTable(
                name: "registry_prefixes");

            migrationBuilder.DropTable(
                name: "registry_signing_keys");

            migrationBuilder.DropTable(
                name: "registry_signing_policies");

            migrationBuilder.DropTable(
                name: "registry_tombstones");

            migrationBuilder.DropTable(
                name: "registry_version_lifecycle");

            migrationBuilder.DropTable(
                name: "registry_version_signatures");

            migrationBuilder.DropIndex(
                name: "IX_registry_versions_IsQuarantined",
                table: "registry_versions");

            migrationBuilder.DropColumn(
                name: "IsQuarantined",
                table: "registry_versions");
        }
    }
}
