using System.Collections.Generic;
using SkillRt.Scanning.Rules.Archive;
using SkillRt.Scanning.Rules.Binaries;
using SkillRt.Scanning.Rules.Injection;
using SkillRt.Scanning.Rules.Names;
using SkillRt.Scanning.Rules.Permissions;
using SkillRt.Scanning.Rules.Secrets;
using SkillRt.Scanning.Rules.Unicode;

namespace SkillRt.Scanning.Engine;

/// <summary>Every rule, by the kind of input it checks. Rules are stateless, so one instance of each serves all scans.</summary>
internal static class RuleSet
{
    public static IReadOnlyList<IArchiveRule> ArchiveRules { get; } =
    [
        new PathTraversalRule(),
        new AbsolutePathRule(),
        new BackslashPathRule(),
        new SymbolicLinkRule(),
        new DuplicateEntryRule(),
        new AmbiguousEntryNameRule(),
        new ZipBombRule(),
        new EncryptedEntryRule(),
        new EntryNameCharacterRule(),
        new TooManyEntriesRule(),
        new LocalHeaderMismatchRule(),
    ];

    public static IReadOnlyList<IFileRule> FileRules { get; } =
    [
        new UndeclaredNetworkRule(),
        new UndeclaredEnvironmentRule(),
        new UndeclaredFileWriteRule(),
        new BidiControlRule(),
        new ZeroWidthCharacterRule(),
        new TagCharacterRule(),
        new InstructionOverrideRule(),
        new ConcealmentRule(),
        new ExfiltrationRule(),
        new HiddenCommentInstructionRule(),
        new PrivateKeyRule(),
        new KnownTokenRule(),
        new HardcodedSecretRule(),
        new NativeExecutableRule(),
        new BinaryScriptRule(),
        new NestedArchiveRule(),
    ];

    public static IReadOnlyList<ISkillRule> SkillRules { get; } = [];

    public static IReadOnlyList<INameRule> NameRules { get; } =
    [
        new SimilarNameRule(),
        new HomoglyphNameRule(),
    ];
}
