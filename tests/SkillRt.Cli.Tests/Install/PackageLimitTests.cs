using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace SkillRt.Cli.Tests.Install;

/// <summary>
/// <c>skillrt install</c> of hostile packages that unpack to far more than they weigh (zip bombs): each
/// is refused, naming the package and the entry, before anything big reaches the disk. The installs
/// run with a file-size limit (<c>ulimit -f</c>), so a copy that wrote first and checked later would
/// be killed by SIGXFSZ instead of printing the refusal.
/// </summary>
public sealed class PackageLimitTests : IDisposable
{
    private const string Greeter = "---\nname: greeter\ndescription: Greets someone.\nversion: 1.0.0\n---\nSay hello.\n";
    private const long GiB = 1024L * 1024 * 1024;

    // No file the process writes may pass 2 MiB (4096 blocks of 512 bytes, or 4 MiB where a block is 1 KiB).
    // The runtime's W^X double mapping sizes a memory file far past any such limit, so it is off here.
    private static readonly string[] SmallFiles = ["/bin/sh", "-c", "ulimit -f 4096 && DOTNET_EnableWriteXorExecute=0 exec \"$0\" \"$@\""];

    private readonly SkillCli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task A_package_with_a_GiB_entry_is_refused_before_anything_is_written()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "ulimit");
        var package = Write(
            "bomb.nupkg",
            CraftedZip.Stored("skills/index.json", Index(("skills/greeter/SKILL.md", Greeter), ("skills/greeter/assets/blob.bin", null))),
            CraftedZip.Stored("skills/greeter/SKILL.md", Greeter),
            CraftedZip.Bomb("skills/greeter/assets/blob.bin", GiB, declaredSize: GiB));
        Assert.True(new FileInfo(package).Length < 2 * 1024 * 1024, "the bomb weighs about 1 MB");

        var result = await _cli.RunWrappedAsync(SmallFiles, "install", "bomb.nupkg");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(
            "skillrt: 'bomb.nupkg' has the entry 'skills/greeter/assets/blob.bin', which unpacks to more than 64 MiB, the most one file of a skill may have (a zip bomb, or a skill too big to install); it was not installed. If you trust the package, raise SKILLRT_PACKAGE_MAX_FILE_BYTES.\n",
            result.Error);
        AssertNothingInstalled();
    }

    [Fact]
    public async Task An_entry_whose_header_understates_its_size_is_counted_as_it_unpacks()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "ulimit");

        // The header claims 1 KiB; the data is a GiB. Nothing may trust the claim.
        Write(
            "liar.nupkg",
            CraftedZip.Stored("skills/index.json", Index(("skills/greeter/SKILL.md", Greeter), ("skills/greeter/assets/blob.bin", null))),
            CraftedZip.Stored("skills/greeter/SKILL.md", Greeter),
            CraftedZip.Bomb("skills/greeter/assets/blob.bin", GiB, declaredSize: 1024));

        var result = await _cli.RunWrappedAsync(SmallFiles, "install", "liar.nupkg");

        // Refused either way, and with nothing big written (the file-size limit): .NET's inflater stops at
        // the claimed size, so the file fails its hash; were it to read on, the size limit would stop it.
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("skillrt: 'liar.nupkg' ", result.Error, StringComparison.Ordinal);
        Assert.Contains("'skills/greeter/assets/blob.bin'", result.Error, StringComparison.Ordinal);
        AssertNothingInstalled();
    }

    [Fact]
    public async Task The_total_a_package_unpacks_to_is_capped_across_its_files()
    {
        // Three honest 400 KiB files against a 1 MiB total: the third crosses it.
        var blob = new byte[400 * 1024];
        Write(
            "big.nupkg",
            CraftedZip.Stored("skills/index.json", Index(("skills/greeter/SKILL.md", Greeter), ("skills/greeter/assets/a.bin", blob), ("skills/greeter/assets/b.bin", blob), ("skills/greeter/assets/c.bin", blob))),
            CraftedZip.Stored("skills/greeter/SKILL.md", Greeter),
            CraftedZip.Stored("skills/greeter/assets/a.bin", blob),
            CraftedZip.Stored("skills/greeter/assets/b.bin", blob),
            CraftedZip.Stored("skills/greeter/assets/c.bin", blob));
        _cli.Environment["SKILLRT_PACKAGE_MAX_BYTES"] = "1048576";

        var result = await _cli.RunAsync("install", "big.nupkg");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(
            "skillrt: 'big.nupkg' unpacks to more than 1 MiB, the most a skill package may install (it was at 'skills/greeter/assets/c.bin'); it was not installed. If you trust the package, raise SKILLRT_PACKAGE_MAX_BYTES.\n",
            result.Error);
        AssertNothingInstalled();

        // The same package installs once the user raises the limit.
        _cli.Environment["SKILLRT_PACKAGE_MAX_BYTES"] = "2097152";
        var raised = await _cli.RunAsync("install", "big.nupkg");
        Assert.True(raised.ExitCode == 0, raised.ToString());
        Assert.Equal(blob.Length, new FileInfo(Path.Combine(_cli.StoreEntry("greeter", "1.0.0"), "assets", "c.bin")).Length);
    }

    [Fact]
    public async Task A_package_with_too_many_entries_is_refused_before_any_is_read()
    {
        Write(
            "many.nupkg",
            [
                CraftedZip.Stored("skills/index.json", Index(("skills/greeter/SKILL.md", Greeter))),
                CraftedZip.Stored("skills/greeter/SKILL.md", Greeter),
                .. Enumerable.Range(0, 6).Select(i => CraftedZip.Stored($"content/{i}.txt", "x")),
            ]);
        _cli.Environment["SKILLRT_PACKAGE_MAX_ENTRIES"] = "5";

        var result = await _cli.RunAsync("install", "many.nupkg");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(
            "skillrt: 'many.nupkg' has 8 entries, more than the 5 a skill package may have; it was not installed. If you trust the package, raise SKILLRT_PACKAGE_MAX_ENTRIES.\n",
            result.Error);
        AssertNothingInstalled();
    }

    [Fact]
    public async Task An_index_that_unpacks_to_a_GiB_is_refused_without_reading_it()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "ulimit");
        Write(
            "index-bomb.nupkg",
            CraftedZip.Bomb("skills/index.json", GiB, declaredSize: GiB),
            CraftedZip.Stored("skills/greeter/SKILL.md", Greeter));

        var result = await _cli.RunWrappedAsync(SmallFiles, "install", "index-bomb.nupkg");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(
            "skillrt: 'index-bomb.nupkg' is damaged: skills/index.json unpacks to more than 16 MiB, more than an index can be; pack or download it again.\n",
            result.Error);
        AssertNothingInstalled();
    }

    [Fact]
    public async Task A_limit_that_is_not_a_number_is_a_configuration_error()
    {
        Write(
            "greeter.nupkg",
            CraftedZip.Stored("skills/index.json", Index(("skills/greeter/SKILL.md", Greeter))),
            CraftedZip.Stored("skills/greeter/SKILL.md", Greeter));
        _cli.Environment["SKILLRT_PACKAGE_MAX_FILE_BYTES"] = "lots";

        var result = await _cli.RunAsync("install", "greeter.nupkg");

        Assert.Equal(5, result.ExitCode);
        Assert.Equal(
            "skillrt: SKILLRT_PACKAGE_MAX_FILE_BYTES is 'lots', which is not a positive whole number; set it to a number such as 67108864, or unset it for the default (64 MiB).\n",
            result.Error);

        // Within limits, the crafted package installs: the refusals above are the limits, not the crafting.
        _cli.Environment.Remove("SKILLRT_PACKAGE_MAX_FILE_BYTES");
        var installed = await _cli.RunAsync("install", "greeter.nupkg");
        Assert.True(installed.ExitCode == 0, installed.ToString());
        Assert.Equal(Greeter, File.ReadAllText(Path.Combine(_cli.StoreEntry("greeter", "1.0.0"), "SKILL.md")));
    }

    /// <summary>skills/index.json for the skill greeter 1.0.0 with these files; a null content gets a hash nothing matches.</summary>
    private static string Index(params (string Path, object? Content)[] files)
    {
        var listed = files.Select(file =>
        {
            var sha = file.Content switch
            {
                string text => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))),
                byte[] bytes => Convert.ToHexStringLower(SHA256.HashData(bytes)),
                _ => new string('0', 64),
            };
            return $$"""{"path": "{{file.Path}}", "sha256": "{{sha}}"}""";
        });
        return $$"""{"schemaVersion": 1, "skills": [{"name": "greeter", "version": "1.0.0", "files": [{{string.Join(", ", listed)}}]}]}""";
    }

    private string Write(string name, params CraftedZip.Entry[] entries)
    {
        var path = Path.Combine(_cli.WorkingDirectory, name);
        CraftedZip.Write(path, entries);
        return path;
    }

    private void AssertNothingInstalled()
    {
        var skills = Path.Combine(_cli.Home, "skills");
        Assert.Empty(Directory.Exists(skills) ? Directory.EnumerateFileSystemEntries(skills) : []);
        var staging = Path.Combine(_cli.Home, ".staging");
        Assert.Empty(Directory.Exists(staging) ? Directory.EnumerateFileSystemEntries(staging) : []);
    }
}
