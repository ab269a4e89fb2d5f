using Xunit;

namespace SkillRt.EndToEnd.Tests;

/// <summary>
/// The package and publish tests share one feed and run one at a time: they pack the same projects,
/// and two packs of one project at once would write the same obj/ files.
/// </summary>
[CollectionDefinition(nameof(SharedPackageFeed))]
public sealed class SharedPackageFeed : ICollectionFixture<PackageFeed>;
