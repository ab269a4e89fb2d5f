using SkillRt.Permissions;
using Xunit;

namespace SkillRt.Runtime.Tests.Permissions;

/// <summary>Host entries of spec section 8.1 against host and port.</summary>
public sealed class NetworkPolicyTests
{
    [Theory]
    // Names, any letter case, any port unless one is given.
    [InlineData("api.github.com", "api.github.com", 443, true)]
    [InlineData("api.github.com", "API.GitHub.COM", 443, true)]
    [InlineData("API.GITHUB.COM", "api.github.com", 80, true)]
    [InlineData("api.github.com", "api.github.com.", 443, true)]
    [InlineData("api.github.com", "github.com", 443, false)]
    [InlineData("api.github.com", "xapi.github.com", 443, false)]
    [InlineData("api.github.com", "api.github.com.evil.com", 443, false)]
    [InlineData("localhost:8080", "localhost", 8080, true)]
    [InlineData("localhost:8080", "localhost", 8081, false)]
    [InlineData("localhost", "localhost", 1, true)]
    // Subdomain wildcards: any depth, not the apex.
    [InlineData("*.github.com", "api.github.com", 443, true)]
    [InlineData("*.github.com", "a.b.github.com", 443, true)]
    [InlineData("*.github.com", "A.GITHUB.com", 443, true)]
    [InlineData("*.github.com", "github.com", 443, false)]
    [InlineData("*.github.com", "evilgithub.com", 443, false)]
    [InlineData("*.github.com", ".github.com", 443, false)]
    [InlineData("*.github.com:443", "api.github.com", 443, true)]
    [InlineData("*.github.com:443", "api.github.com", 80, false)]
    // IPv4.
    [InlineData("127.0.0.1", "127.0.0.1", 80, true)]
    [InlineData("127.0.0.1", "127.0.0.2", 80, false)]
    [InlineData("127.0.0.1:9000", "127.0.0.1", 9000, true)]
    [InlineData("127.0.0.1:9000", "127.0.0.1", 9001, false)]
    [InlineData("127.0.0.1", "::ffff:127.0.0.1", 80, true)]
    [InlineData("127.0.0.1", "127.1", 80, false)]
    [InlineData("127.0.0.1", "localhost", 80, false)]
    [InlineData("localhost", "127.0.0.1", 80, false)]
    // IPv6, compared as addresses.
    [InlineData("[::1]", "::1", 80, true)]
    [InlineData("[::1]", "0:0::1", 80, true)]
    [InlineData("[::1]", "0000:0000:0000:0000:0000:0000:0000:0001", 80, true)]
    [InlineData("[::1]", "[::1]", 80, true)]
    [InlineData("[::1]", "::2", 80, false)]
    [InlineData("[0:0::1]", "::1", 80, true)]
    [InlineData("[::1]:8443", "::1", 8443, true)]
    [InlineData("[::1]:8443", "::1", 443, false)]
    [InlineData("[2001:DB8::1]", "2001:db8::1", 443, true)]
    [InlineData("[::ffff:10.0.0.1]", "10.0.0.1", 443, true)]
    [InlineData("[::1]", "127.0.0.1", 80, false)]
    public void Entry_allows(string entry, string host, int port, bool expected) =>
        Assert.Equal(expected, new NetworkPolicy([entry]).Allows(host, port));

    [Fact]
    public void Star_allows_any_host()
    {
        var policy = new NetworkPolicy(["*"]);

        Assert.True(policy.AllowsAnyHost);
        Assert.False(policy.IsEmpty);
        Assert.True(policy.Allows("example.com", 1));
        Assert.True(policy.Allows("::1", 65535));
    }

    [Fact]
    public void Nothing_listed_allows_nothing()
    {
        var policy = new NetworkPolicy([]);

        Assert.True(policy.IsEmpty);
        Assert.False(policy.AllowsAnyHost);
        Assert.False(policy.Allows("localhost", 80));
    }

    [Fact]
    public void Several_entries_allow_each()
    {
        var policy = new NetworkPolicy(["api.github.com", "*.example.com", "10.0.0.1:22"]);

        Assert.True(policy.Allows("api.github.com", 443));
        Assert.True(policy.Allows("www.example.com", 443));
        Assert.True(policy.Allows("10.0.0.1", 22));
        Assert.False(policy.Allows("10.0.0.1", 23));
        Assert.False(policy.Allows("example.com", 443));
        Assert.False(policy.IsEmpty);
        Assert.False(policy.AllowsAnyHost);
    }

    [Theory]
    [InlineData("https://api.github.com")]
    [InlineData("api.github.com/repos")]
    [InlineData("host:0")]
    [InlineData("host:65536")]
    [InlineData("host:x")]
    [InlineData("host:")]
    [InlineData("[::1")]
    [InlineData("[example.com]")]
    [InlineData("[::1]x")]
    [InlineData("*foo.example.com")]
    [InlineData("*:80")]
    [InlineData("*.")]
    [InlineData("")]
    [InlineData("   ")]
    public void Junk_entries_are_ignored(string entry)
    {
        var policy = new NetworkPolicy([entry]);

        Assert.True(policy.IsEmpty);
        Assert.False(policy.Allows("api.github.com", 443));
        Assert.False(policy.Allows("example.com", 80));
        Assert.False(policy.Allows("::1", 80));
    }

    [Fact]
    public void Junk_next_to_good_entries_leaves_them_working()
    {
        var policy = new NetworkPolicy(["[::1", "example.com"]);

        Assert.False(policy.IsEmpty);
        Assert.True(policy.Allows("example.com", 80));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("[]")]
    [InlineData("::g")]
    public void Junk_hosts_are_denied(string host) =>
        Assert.False(new NetworkPolicy(["example.com", "[::1]", "127.0.0.1"]).Allows(host, 80));
}
