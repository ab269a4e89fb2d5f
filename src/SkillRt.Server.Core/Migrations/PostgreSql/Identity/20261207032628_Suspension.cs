using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SkillRt.Server.Migrations.PostgreSql.Identity
{
    /// <inheritdoc />
    public partial class Suspension : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "DisabledAt",
                table: "identity_accounts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DisabledReason",
                table: "identity_accounts",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DisabledAt",
                table: "identity_accounts");

            migrationBuilder.DropColumn(
                name: "DisabledReason",
                table: "identity_accounts");
        }
    }
}
