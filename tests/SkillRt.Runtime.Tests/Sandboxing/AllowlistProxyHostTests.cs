using SkillRt.Sandboxing;
using Xunit;

namespace SkillRt.Runtime.Tests.Sandboxing;

/// <summary>The proxy checks and connects to the same host: anything a resolver could read differently is refused first.</summary>
public sealed class AllowlistProxyHostTests
{
    [Theory]
    [InlineData("api.github.com", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("localhost\0.example.com", false)]
    [InlineData(" api.github.com", false)]
    [InlineData("api.github.com\t", false)]
    [InlineData("a_b.example.com", false)]
    [InlineData("", false)]
    [InlineData("evil.com/.example.com", false)]
    public void Only_plain_names_and_ip_literals_are_checked_and_connected_to(string host, bool plain) =>
        Assert.Equal(plain, AllowlistProxy.IsPlainHost(host));
}
