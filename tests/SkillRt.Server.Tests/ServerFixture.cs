using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Server.Tests;

/// <summary>One real server (embedded defaults: SQLite and a blob folder in its own data directory) for a test class.</summary>
public sealed class ServerFixture : ServerTierFixture
{
    public override async ValueTask InitializeAsync() => Server = await ServerProcess.StartAsync();

    public override async ValueTask DisposeAsync() => await Server.DisposeAsync();

    internal override async Task<string> ReadStoredTextAsync(CancellationToken cancellationToken)
    {
        // The database file and its write-ahead log: a fresh row may be only in the log.
        var text = new StringBuilder();
        foreach (var file in Directory.GetFiles(Server.DataDirectory, "skillrt.db*"))
        {
            text.Append(Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file, cancellationToken)));
        }

        return text.ToString();
    }
}
