namespace SkillRt.Server.Tests;

/// <summary>The identity API on the embedded tier: SQLite and a blob folder.</summary>
public sealed class EmbeddedIdentityApiTests(ServerFixture fixture) : IdentityApiTests(fixture), Xunit.IClassFixture<ServerFixture>;

/// <summary>The identity API on the scale-out tier: PostgreSQL and an S3 bucket.</summary>
public sealed class ScaleOutIdentityApiTests(ScaleOutServerFixture fixture) : IdentityApiTests(fixture), Xunit.IClassFixture<ScaleOutServerFixture>;
