using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SkillRt.Registry.Migrations.PostgreSql
{
    /// <summary>
    /// The search page's facets (issue 19): whether a document's output is typed (a skill returns JSON
    /// with a JSON Schema; Search/TypedOutput.cs), stored with the document so the typed facet and the
    /// <c>typed:</c> filter read no manifest. Every package is queued, so the next search rewrites the
    /// documents written before this column. Raw SQL only, as the search index is not in the EF model.
    /// </summary>
    public partial class SearchFacets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE registry_search_docs ADD COLUMN typed boolean NOT NULL DEFAULT false;
                INSERT INTO registry_search_dirty (registration_id) SELECT "Id" FROM registry_packages ON CONFLICT DO NOTHING;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE registry_search_docs DROP COLUMN typed;
                """);
        }
    }
}
