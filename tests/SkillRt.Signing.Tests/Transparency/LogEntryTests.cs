using System;
using System.Security.Cryptography;
using System.Text;
using SkillRt.Signing.Transparency;
using Xunit;

namespace SkillRt.Signing.Tests.Transparency;

public sealed class LogEntryTests
{
    private static readonly byte[] Sha512 = SHA512.HashData("package bytes"u8);

    [Fact]
    public void An_entry_is_one_field_per_line_and_round_trips()
    {
        var entry = new LogEntry("Contoso.PrReview", "1.2.0", Sha512, null, new DateTimeOffset(2026, 12, 7, 10, 15, 0, TimeSpan.Zero));
        var text = entry.Format();
        Assert.Equal(
            $"skillrt-log-entry/v1\nid Contoso.PrReview\nversion 1.2.0\nsha512 {Convert.ToBase64String(Sha512)}\nauthor-key -\npublished 2026-12-07T10:15:00Z\n",
            text);
        var parsed = LogEntry.Parse(text, out var problem);
        Assert.Null(problem);
        Assert.Equal("Contoso.PrReview", parsed!.PackageId);
        Assert.Null(parsed.AuthorKeyId);
        Assert.Equal(Sha512, parsed.PackageSha512.ToArray());
        Assert.Equal(MerkleHash.Leaf(Encoding.UTF8.GetBytes(text)), parsed.LeafHash());

        var signed = entry with { AuthorKeyId = "E5A3F1B2C4D60718" };
        Assert.Equal("E5A3F1B2C4D60718", LogEntry.Parse(signed.Format(), out _)!.AuthorKeyId);
    }

    [Theory]
    [InlineData("skillrt-log-entry/v1\nid A\nversion 1.0.0\nsha512 {0}\nauthor-key -\npublished 2026-12-07T10:15:00+00:00\n")]
    [InlineData("skillrt-log-entry/v1\nid A\nversion 1.0.0\nsha512 {0}\nauthor-key -\npublished 2026-12-07T10:15:00Z")]
    [InlineData("skillrt-log-entry/v1\nversion 1.0.0\nid A\nsha512 {0}\nauthor-key -\npublished 2026-12-07T10:15:00Z\n")]
    [InlineData("skillrt-log-entry/v2\nid A\nversion 1.0.0\nsha512 {0}\nauthor-key -\npublished 2026-12-07T10:15:00Z\n")]
    [InlineData("skillrt-log-entry/v1\nid A B\nversion 1.0.0\nsha512 {0}\nauthor-key -\npublished 2026-12-07T10:15:00Z\n")]
    [InlineData("skillrt-log-entry/v1\nid A\nversion 1.0.0\nsha512 AAAA\nauthor-key -\npublished 2026-12-07T10:15:00Z\n")]
    [InlineData("skillrt-log-entry/v1\nid A\nversion 1.0.0\nsha512 {0}\nauthor-key -\npublished 2026-12-07T10:15:00Z\nextra x\n")]
    public void Anything_but_the_canonical_text_is_refused(string template)
    {
        var text = template.Replace("{0}", Convert.ToBase64String(Sha512), StringComparison.Ordinal);
        Assert.Null(LogEntry.Parse(text, out var problem));
        Assert.NotNull(problem);
    }
}
