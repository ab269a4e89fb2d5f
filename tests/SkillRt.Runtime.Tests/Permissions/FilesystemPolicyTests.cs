using System;
using System.IO;
using System.Linq;
using SkillRt.Permissions;
using Xunit;

namespace SkillRt.Runtime.Tests.Permissions;

/// <summary>Globs of spec section 8.2, anchored at a folder, checked against normalized paths.</summary>
public sealed class FilesystemPolicyTests
{
    // Absolute globs in the tables are written for Unix; the policy works on whatever this is.
    private static readonly string Base = OperatingSystem.IsWindows() ? @"C:\skill\work" : "/skill/work";

    private static string Full(string relative) => Path.GetFullPath(Path.Combine(Base, relative));

    private static FilesystemPolicy Policy(params string[] globs) =>
        new(globs.Select(static g => new SkillFilesystemRule { Pattern = g }).ToArray(), Base);

    private static FilesystemPolicy Policy(params (string Glob, SkillFileAccess Access)[] rules) =>
        new(rules.Select(static r => new SkillFilesystemRule { Pattern = r.Glob, Access = r.Access }).ToArray(), Base);

    [Theory]
    // `*`: any run within one segment, including none.
    [InlineData("*.md", "a.md", true)]
    [InlineData("*.md", ".md", true)]
    [InlineData("*.md", ".hidden.md", true)]
    [InlineData("*.md", "a.txt", false)]
    [InlineData("*.md", "docs/a.md", false)]
    [InlineData("docs/*", "docs/a", true)]
    [InlineData("docs/*", "docs", false)]
    [InlineData("docs/*", "docs/a/b", false)]
    [InlineData("a*b*c", "abc", true)]
    [InlineData("a*b*c", "axxbyyc", true)]
    [InlineData("a*b*c", "ax/bc", false)]
    // `**`: any number of segments, including none.
    [InlineData("**", "a", true)]
    [InlineData("**", "a/b/c", true)]
    [InlineData("**", ".", true)]
    [InlineData("**/*.md", "a.md", true)]
    [InlineData("**/*.md", "x/y/a.md", true)]
    [InlineData("**/*.md", "x/y/a.txt", false)]
    [InlineData("reports/**", "reports", true)]
    [InlineData("reports/**", "reports/a", true)]
    [InlineData("reports/**", "reports/a/b.csv", true)]
    [InlineData("reports/**", "reportsx", false)]
    [InlineData("reports/**", "reportsx/a", false)]
    [InlineData("reports/**", "other/reports/a", false)]
    [InlineData("a/**/b", "a/b", true)]
    [InlineData("a/**/b", "a/x/b", true)]
    [InlineData("a/**/b", "a/x/y/b", true)]
    [InlineData("a/**/b", "a/xb", false)]
    [InlineData("a/**/b", "ab", false)]
    [InlineData("a**b", "axxb", true)]
    [InlineData("a**b", "ax/xb", false)]
    // `?`: one character, never the separator.
    [InlineData("?.txt", "a.txt", true)]
    [InlineData("?.txt", "ab.txt", false)]
    [InlineData("?.txt", ".txt", false)]
    [InlineData("a?b", "a/b", false)]
    // Sets.
    [InlineData("[abc].txt", "b.txt", true)]
    [InlineData("[abc].txt", "d.txt", false)]
    [InlineData("[a-c].txt", "c.txt", true)]
    [InlineData("[a-c].txt", "C.txt", false)]
    [InlineData("[!abc].txt", "d.txt", true)]
    [InlineData("[!abc].txt", "a.txt", false)]
    [InlineData("[]a].txt", "].txt", true)]
    [InlineData("[]a].txt", "a.txt", true)]
    [InlineData("[]a].txt", "b.txt", false)]
    [InlineData("[!]a].txt", "b.txt", true)]
    [InlineData("[!]a].txt", "].txt", false)]
    [InlineData("[!]a].txt", "a.txt", false)]
    [InlineData("x[.-0]y", "x.y", true)]
    [InlineData("x[.-0]y", "x0y", true)]
    [InlineData("x[.-0]y", "x/y", false)]
    [InlineData("x[!a]y", "x/y", false)]
    [InlineData("x[-a]y", "x-y", true)]
    [InlineData("x[a-]y", "x-y", true)]
    [InlineData("x[z-a]y", "xmy", false)]
    [InlineData("x[\\]]y", "x]y", true)]
    [InlineData("x[^]y", "x^y", true)]
    // Alternatives, nested, across segments, with globstars.
    [InlineData("{a,b}.txt", "a.txt", true)]
    [InlineData("{a,b}.txt", "b.txt", true)]
    [InlineData("{a,b}.txt", "c.txt", false)]
    [InlineData("{a,b{c,d}}.txt", "bd.txt", true)]
    [InlineData("{a,b{c,d}}.txt", "b.txt", false)]
    [InlineData("{src,docs/*}/x", "docs/y/x", true)]
    [InlineData("{src,docs/*}/x", "src/x", true)]
    [InlineData("{src/**,docs}", "src/a/b", true)]
    [InlineData("{src/**,docs}", "src", true)]
    [InlineData("{src/**,docs}", "docs/a", false)]
    [InlineData("x/{**/a,b}", "x/y/z/a", true)]
    [InlineData("x/{**/a,b}", "x/a", true)]
    [InlineData("{,pre}fix", "fix", true)]
    [InlineData("{,pre}fix", "prefix", true)]
    // Escapes.
    [InlineData("\\*.md", "*.md", true)]
    [InlineData("\\*.md", "a.md", false)]
    [InlineData("a\\?", "a?", true)]
    [InlineData("a\\?", "ab", false)]
    [InlineData("\\{a,b\\}", "{a,b}", true)]
    [InlineData("\\[x]", "[x]", true)]
    // Characters that mean something to regular expressions are literal in globs.
    [InlineData("a+b(c).txt", "a+b(c).txt", true)]
    [InlineData("a+b(c).txt", "aab(c).txt", false)]
    [InlineData("a.txt", "abtxt", false)]
    [InlineData("$^|.txt", "$^|.txt", true)]
    // Unbalanced brackets (the parser rejects them) are literal rather than a crash.
    [InlineData("a[b", "a[b", true)]
    [InlineData("a{b", "a{b", true)]
    [InlineData("a{b,c", "a{b,c", true)]
    public void Glob_matches_relative_to_the_base(string glob, string relative, bool expected) =>
        Assert.Equal(expected, Policy(glob).CanRead(Full(relative)));

    [Theory]
    [InlineData("./reports/**", "reports/a.txt", true)]
    [InlineData("./reports/**", "reports", true)]
    [InlineData("reports/**", "reports/a.txt", true)]
    [InlineData("./*.md", "a.md", true)]
    [InlineData(".", ".", true)]
    [InlineData("./", ".", true)]
    [InlineData("./**", "deep/er/file", true)]
    [InlineData("./**", ".", true)]
    [InlineData("data/x.csv", "data/x.csv", true)]
    [InlineData("data/x.csv", "data/x.csv/more", false)]
    [InlineData("data/x.csv", "data", false)]
    [InlineData("reports/./a/../b.txt", "reports/b.txt", true)]
    [InlineData("../shared/*.txt", "../shared/a.txt", true)]
    [InlineData("../shared/*.txt", "shared/a.txt", false)]
    public void Relative_globs_are_anchored_at_the_base(string glob, string relative, bool expected) =>
        Assert.Equal(expected, Policy(glob).CanRead(Full(relative)));

    [Theory]
    [InlineData("reports/../secret.txt")]
    [InlineData("reports/../../work/secret.txt")]
    [InlineData("reports/a/../../secret.txt")]
    [InlineData("reports/..")]
    [InlineData("reports/../..")]
    public void Dot_dot_cannot_escape_an_allowed_folder(string relative)
    {
        var policy = Policy("reports/**");

        // Not Full(): the raw path with its `..` goes to the policy, as a tool would hand it over.
        Assert.False(policy.CanRead(Base + "/" + relative));
        Assert.False(policy.CanWrite(Base + "/" + relative));
    }

    [Fact]
    public void Dot_dot_that_stays_inside_is_fine()
    {
        Assert.True(Policy("reports/**").CanRead(Base + "/reports/x/../y.txt"));
    }

    [Fact]
    public void A_glob_segment_of_dot_dot_after_a_wildcard_matches_nothing_outside()
    {
        var policy = Policy("reports/*/../../secret");

        Assert.False(policy.CanRead(Full("secret")));
        Assert.False(policy.CanRead(Full("reports/a/secret")));
    }

    [Fact]
    public void Trailing_separators_do_not_matter()
    {
        var policy = Policy("reports/**");

        Assert.True(policy.CanRead(Base + "/reports/"));
        Assert.True(policy.CanRead(Base + "/reports/a/"));
    }

    [Fact]
    public void Paths_that_are_no_paths_are_denied()
    {
        Assert.False(Policy("**").CanRead("a\0b"));
        Assert.False(Policy("**").CanRead(string.Empty));
    }

    [Fact]
    public void Absolute_globs_stay_absolute()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix paths");
        var policy = Policy("/data/*.csv", "/etc/app/config.json");

        Assert.True(policy.CanRead("/data/a.csv"));
        Assert.False(policy.CanRead("/skill/work/data/a.csv"));
        Assert.True(policy.CanRead("/etc/app/config.json"));
        Assert.False(policy.CanRead("/etc/app/other.json"));
        Assert.True(policy.CanRead("/data/../data/b.csv"));
        Assert.False(policy.CanRead("/data/../etc/passwd"));
    }

    [Fact]
    public void Root_globs_reach_everything_below_the_root()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix paths");
        var policy = Policy("/**");

        Assert.True(policy.CanRead("/"));
        Assert.True(policy.CanRead("/etc/passwd"));
        Assert.True(Policy("/*").CanRead("/etc"));
        Assert.False(Policy("/*").CanRead("/etc/passwd"));
    }

    [Fact]
    public void Tilde_starts_at_the_home_folder()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Assert.SkipWhen(home.Length == 0, "no home folder");
        var policy = Policy("~/.config/tool/**");

        Assert.True(policy.CanRead(Path.Combine(home, ".config", "tool", "a.json")));
        Assert.False(policy.CanRead(Path.Combine(home, ".ssh", "id_rsa")));
        Assert.False(policy.CanRead(Full("~/.config/tool/a.json")));
        Assert.True(Policy("~").CanRead(home));
        Assert.Contains(Policy("~/x/**").Mounts, mount => mount.Path == FilesystemGlob.Normalize(Path.Combine(home, "x")));
    }

    [Fact]
    public void Tilde_elsewhere_is_a_name()
    {
        Assert.True(Policy("~x/*").CanRead(Full("~x/a")));
        Assert.True(Policy("a/~/*").CanRead(Full("a/~/b")));
    }

    [Fact]
    public void Letter_case_follows_the_platform()
    {
        var policy = Policy("Reports/*.MD");

        Assert.True(policy.CanRead(Full("Reports/a.MD")));
        Assert.Equal(FilesystemGlob.IgnoresCase, policy.CanRead(Full("reports/a.md")));
        Assert.Equal(OperatingSystem.IsWindows() || OperatingSystem.IsMacOS(), FilesystemGlob.IgnoresCase);
    }

    [Fact]
    public void Read_rules_allow_reading_only()
    {
        var policy = Policy(("docs/**", SkillFileAccess.Read), ("out/**", SkillFileAccess.ReadWrite));

        Assert.True(policy.CanRead(Full("docs/a.md")));
        Assert.False(policy.CanWrite(Full("docs/a.md")));
        Assert.True(policy.CanRead(Full("out/a.md")));
        Assert.True(policy.CanWrite(Full("out/a.md")));
        Assert.False(policy.CanRead(Full("src/a.cs")));
        Assert.True(policy.AllowsAnyRead);
        Assert.True(policy.AllowsAnyWrite);
    }

    [Fact]
    public void Overlapping_rules_give_the_widest_access()
    {
        var policy = Policy(("./**", SkillFileAccess.Read), ("out/**", SkillFileAccess.ReadWrite));

        Assert.True(policy.CanWrite(Full("out/x/y.txt")));
        Assert.False(policy.CanWrite(Full("in/y.txt")));
        Assert.True(policy.CanRead(Full("in/y.txt")));
    }

    [Fact]
    public void No_rules_allow_nothing()
    {
        var policy = Policy(Array.Empty<string>());

        Assert.False(policy.CanRead(Full("a")));
        Assert.False(policy.AllowsAnyRead);
        Assert.False(policy.AllowsAnyWrite);
        Assert.Empty(policy.Mounts);
    }

    [Fact]
    public void Read_only_rules_allow_no_writing_anywhere()
    {
        Assert.False(Policy(("**", SkillFileAccess.Read)).AllowsAnyWrite);
    }

    [Fact]
    public void Blank_globs_are_ignored()
    {
        var policy = Policy(" ", "");

        Assert.False(policy.AllowsAnyRead);
        Assert.False(policy.CanRead(Base));
    }

    [Theory]
    [InlineData("./reports/**", "reports")]
    [InlineData("reports/**", "reports")]
    [InlineData("reports/2024/*.csv", "reports/2024")]
    [InlineData("reports/q[1-4]/*.csv", "reports")]
    [InlineData("reports/{a,b}/*.csv", "reports")]
    [InlineData("**/*.md", ".")]
    [InlineData("*.md", ".")]
    [InlineData("./**", ".")]
    [InlineData("data/x.csv", "data/x.csv")]
    [InlineData("a\\*b/c/*", "a*b/c")]
    [InlineData("../shared/**", "../shared")]
    [InlineData("reports/../docs/**", "docs")]
    public void Mount_is_the_wildcard_free_start(string glob, string expected)
    {
        var mount = Assert.Single(Policy(glob).Mounts);

        Assert.Equal(FilesystemGlob.Normalize(Full(expected)), mount.Path);
        Assert.True(mount.Writable);
    }

    [Fact]
    public void Absolute_mounts_stay_absolute()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix paths");

        Assert.Equal([new FilesystemMount("/data/x.csv", true)], Policy("/data/x.csv").Mounts);
        Assert.Equal([new FilesystemMount("/data", false)], Policy(("/data/*.csv", SkillFileAccess.Read)).Mounts);
        Assert.Equal([new FilesystemMount("/", true)], Policy("/**").Mounts);
    }

    [Fact]
    public void Mounts_inside_mounts_with_no_more_access_are_merged()
    {
        var policy = Policy(
            ("./**", SkillFileAccess.Read),
            ("docs/**", SkillFileAccess.Read),
            ("out/**", SkillFileAccess.ReadWrite),
            ("out/deep/*.txt", SkillFileAccess.Read),
            ("out/deeper/*.txt", SkillFileAccess.ReadWrite));

        Assert.Equal(
            [new FilesystemMount(FilesystemGlob.Normalize(Base), false), new FilesystemMount(FilesystemGlob.Normalize(Full("out")), true)],
            policy.Mounts);
    }

    [Fact]
    public void Same_mount_from_two_rules_is_writable_when_either_writes()
    {
        var policy = Policy(("out/*.csv", SkillFileAccess.Read), ("out/*.txt", SkillFileAccess.ReadWrite));

        Assert.Equal([new FilesystemMount(FilesystemGlob.Normalize(Full("out")), true)], policy.Mounts);
    }

    [Fact]
    public void Sibling_mounts_with_a_common_prefix_stay_apart()
    {
        var policy = Policy("out/**", "outside/**");

        Assert.Equal(2, policy.Mounts.Count);
    }

    [Fact]
    public void A_writable_mount_swallows_read_only_ones_inside()
    {
        var policy = Policy(("out/**", SkillFileAccess.ReadWrite), ("out/logs/**", SkillFileAccess.Read));

        Assert.Equal([new FilesystemMount(FilesystemGlob.Normalize(Full("out")), true)], policy.Mounts);
    }
}
