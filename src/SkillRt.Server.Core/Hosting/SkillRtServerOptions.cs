using SkillRt.Server.Storage;

namespace SkillRt.Server.Hosting;

/// <summary>
/// The server's configuration, the <c>SkillRt</c> section (appsettings.json, environment variables such
/// as <c>SkillRt__Database__Provider=PostgreSql</c>, or command-line switches such as
/// <c>--SkillRt:DataDirectory=/srv/skillrt</c>). Validated at start-up: a server with a bad setting
/// does not start, and says which setting and why.
/// </summary>
public sealed class SkillRtServerOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string SectionName = "SkillRt";

    /// <summary>
    /// The folder that holds everything the embedded server stores (the SQLite database and the blob
    /// folder); by default <c>$XDG_DATA_HOME/skillrt/server</c>, that is <c>~/.local/share/skillrt/server</c>.
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>The database every module keeps its tables in.</summary>
    public DatabaseOptions Database { get; set; } = new();

    /// <summary>Where package files are kept.</summary>
    public BlobStoreOptions Blobs { get; set; } = new();

    /// <summary>How many requests each client may make.</summary>
    public RateLimitOptions RateLimits { get; set; } = new();

    /// <summary>Which reverse proxies are believed about the client's address; none by default.</summary>
    public TrustedProxyOptions ForwardedHeaders { get; set; } = new();

    /// <summary>
    /// The public base URL of the server (for example <c>https://skills.example.com/</c>) when it runs
    /// behind a proxy; links in responses (the NuGet service index) use it. Unset, they use the request's own address.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>
    /// Whether a server whose database has no account yet creates an <c>admin</c> account and prints
    /// its first API key once, on standard output. True by default: the embedded server is usable at once.
    /// </summary>
    public bool BootstrapAdministrator { get; set; } = true;

    /// <summary>The data directory in effect: <see cref="DataDirectory"/>, else the default.</summary>
    public string ResolvedDataDirectory => System.IO.Path.GetFullPath(DataDirectory ?? DefaultDataDirectory());

    private static string DefaultDataDirectory()
    {
        var dataHome = System.Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrEmpty(dataHome))
        {
            dataHome = System.IO.Path.Combine(
                System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".local", "share");
        }

        return System.IO.Path.Combine(dataHome, "skillrt", "server");
    }
}
