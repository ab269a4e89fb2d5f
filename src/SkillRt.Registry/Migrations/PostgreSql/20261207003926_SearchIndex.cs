using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SkillRt.Registry.Migrations.PostgreSql
{
    /// <summary>
    /// The search index (Search/PostgreSqlPackageSearch.cs): one document per package and view (latest
    /// listed stable; latest listed including prereleases) with a weighted tsvector (GIN) and the skill
    /// filters as a text array (GIN), the vocabulary typo-tolerant search looks candidates up in with
    /// pg_trgm, and the queue of packages whose documents are stale. A trigger fills the queue whenever
    /// a version is added, changed in a searchable column, unlisted or removed, so whatever writes
    /// versions keeps search correct without knowing about it. Raw SQL only: none of this is in the EF model.
    /// </summary>
    public partial class SearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE EXTENSION IF NOT EXISTS pg_trgm;

                CREATE TABLE registry_search_docs (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    registration_id uuid NOT NULL,
                    prerelease boolean NOT NULL,
                    version_id uuid NOT NULL,
                    normalized_id text NOT NULL,
                    runtimes text NOT NULL,
                    permissions text NOT NULL,
                    outputs text NOT NULL,
                    filters text[] NOT NULL,
                    document tsvector NOT NULL,
                    UNIQUE (registration_id, prerelease));
                CREATE INDEX ix_registry_search_docs_view ON registry_search_docs (prerelease, normalized_id);
                CREATE INDEX ix_registry_search_docs_document ON registry_search_docs USING GIN (document);
                CREATE INDEX ix_registry_search_docs_filters ON registry_search_docs USING GIN (filters);

                CREATE TABLE registry_search_terms (term text NOT NULL PRIMARY KEY);
                CREATE INDEX ix_registry_search_terms_trgm ON registry_search_terms USING GIN (term gin_trgm_ops);

                CREATE TABLE registry_search_dirty (
                    registration_id uuid NOT NULL PRIMARY KEY,
                    generation bigint NOT NULL DEFAULT 0);

                -- DO UPDATE (not DO NOTHING) takes the row lock: a refresh that claims the row waits for
                -- the writer's transaction, then reads the versions it committed.
                CREATE FUNCTION registry_search_mark_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO registry_search_dirty (registration_id)
                    VALUES (CASE WHEN TG_OP = 'DELETE' THEN OLD."RegistrationId" ELSE NEW."RegistrationId" END)
                    ON CONFLICT (registration_id) DO UPDATE SET generation = registry_search_dirty.generation + 1;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER registry_versions_search_aid AFTER INSERT OR DELETE ON registry_versions
                    FOR EACH ROW EXECUTE FUNCTION registry_search_mark_dirty();
                CREATE TRIGGER registry_versions_search_au AFTER UPDATE OF "IsListed", "Version", "IsPrerelease", "Title", "Description", "Tags", "SearchText", "Runtimes", "Permissions", "OutputTypes", "Inputs" ON registry_versions
                    FOR EACH ROW EXECUTE FUNCTION registry_search_mark_dirty();

                INSERT INTO registry_search_dirty (registration_id) SELECT "Id" FROM registry_packages ON CONFLICT DO NOTHING;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS registry_versions_search_aid ON registry_versions;
                DROP TRIGGER IF EXISTS registry_versions_search_au ON registry_versions;
                DROP FUNCTION IF EXISTS registry_search_mark_dirty();
                DROP TABLE IF EXISTS registry_search_dirty;
                DROP TABLE IF EXISTS registry_search_terms;
                DROP TABLE IF EXISTS registry_search_docs;
                """);
        }
    }
}
