using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SkillRt.Registry.Migrations.Sqlite
{
    /// <summary>
    /// The search index (Search/SqlitePackageSearch.cs): one document per package and view (latest
    /// listed stable; latest listed including prereleases) with an FTS5 index over it, the vocabulary
    /// typo-tolerant search looks candidates up in, and the queue of packages whose documents are stale.
    /// Triggers fill the queue whenever a version is added, changed in a searchable column, unlisted
    /// or removed, so whatever writes versions keeps search correct without knowing about it.
    /// Raw SQL only: none of this is in the EF model.
    /// </summary>
    public partial class SearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE registry_search_docs (
                    id INTEGER PRIMARY KEY,
                    registration_id TEXT NOT NULL,
                    prerelease INTEGER NOT NULL,
                    version_id TEXT NOT NULL,
                    normalized_id TEXT NOT NULL,
                    package_id TEXT NOT NULL,
                    title TEXT NOT NULL,
                    tags TEXT NOT NULL,
                    description TEXT NOT NULL,
                    skill_text TEXT NOT NULL,
                    runtimes TEXT NOT NULL,
                    permissions TEXT NOT NULL,
                    outputs TEXT NOT NULL,
                    inputs TEXT NOT NULL,
                    UNIQUE (registration_id, prerelease));
                CREATE INDEX ix_registry_search_docs_view ON registry_search_docs (prerelease, normalized_id);

                CREATE VIRTUAL TABLE registry_search_fts USING fts5(
                    package_id, title, tags, description, skill_text, runtimes, permissions, outputs, inputs,
                    content = 'registry_search_docs', content_rowid = 'id',
                    tokenize = 'unicode61 remove_diacritics 2');

                CREATE TRIGGER registry_search_docs_ai AFTER INSERT ON registry_search_docs BEGIN
                    INSERT INTO registry_search_fts (rowid, package_id, title, tags, description, skill_text, runtimes, permissions, outputs, inputs)
                    VALUES (new.id, new.package_id, new.title, new.tags, new.description, new.skill_text, new.runtimes, new.permissions, new.outputs, new.inputs);
                END;
                CREATE TRIGGER registry_search_docs_ad AFTER DELETE ON registry_search_docs BEGIN
                    INSERT INTO registry_search_fts (registry_search_fts, rowid, package_id, title, tags, description, skill_text, runtimes, permissions, outputs, inputs)
                    VALUES ('delete', old.id, old.package_id, old.title, old.tags, old.description, old.skill_text, old.runtimes, old.permissions, old.outputs, old.inputs);
                END;

                CREATE TABLE registry_search_terms (term TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID;

                CREATE TABLE registry_search_dirty (registration_id TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID;

                CREATE TRIGGER registry_versions_search_ai AFTER INSERT ON registry_versions BEGIN
                    INSERT OR IGNORE INTO registry_search_dirty (registration_id) VALUES (new.RegistrationId);
                END;
                CREATE TRIGGER registry_versions_search_au AFTER UPDATE OF IsListed, Version, IsPrerelease, Title, Description, Tags, SearchText, Runtimes, Permissions, OutputTypes, Inputs ON registry_versions BEGIN
                    INSERT OR IGNORE INTO registry_search_dirty (registration_id) VALUES (new.RegistrationId);
                END;
                CREATE TRIGGER registry_versions_search_ad AFTER DELETE ON registry_versions BEGIN
                    INSERT OR IGNORE INTO registry_search_dirty (registration_id) VALUES (old.RegistrationId);
                END;

                INSERT OR IGNORE INTO registry_search_dirty (registration_id) SELECT Id FROM registry_packages;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS registry_versions_search_ai;
                DROP TRIGGER IF EXISTS registry_versions_search_au;
                DROP TRIGGER IF EXISTS registry_versions_search_ad;
                DROP TABLE IF EXISTS registry_search_dirty;
                DROP TABLE IF EXISTS registry_search_terms;
                DROP TABLE IF EXISTS registry_search_fts;
                DROP TABLE IF EXISTS registry_search_docs;
                """);
        }
    }
}
