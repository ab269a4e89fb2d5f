using SkillRt.Memory.Tests.Conformance;
using SkillRt.Memory.Tests.Infrastructure;

namespace SkillRt.Memory.Tests.Sqlite;

/// <summary>The conformance suite on the embedded SQLite store: a real file per store, in a folder of the test's own.</summary>
public sealed class SqliteMemoryStoreTests : MemoryStoreConformance
{
    private readonly TempFolder _folder = new();

    protected override void UseStore(SkillMemoryBuilder builder, string storeName) =>
        builder.Configure(options => options.DatabasePath = _folder.File(storeName + ".db"));

    protected override void Dispose(bool disposing)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
        base.Dispose(disposing);
    }
}
