using System;
using System.Collections.Generic;
using System.Linq;
using SkillRt.Scanning.Rules.Archive;
using SkillRt.Scanning.Rules.Binaries;
using SkillRt.Scanning.Rules.Injection;
using SkillRt.Scanning.Rules.Names;
using SkillRt.Scanning.Rules.Permissions;
using SkillRt.Scanning.Rules.Limits;
using SkillRt.Scanning.Rules.Secrets;
using SkillRt.Scanning.Rules.Unicode;

namespace SkillRt.Scanning;

/// <summary>The catalogue of every scanner rule, ordered by ID; spec/security-rules.md documents each.</summary>
public static class ScanRules
{
    /// <summary>Every rule.</summary>
    public static IReadOnlyList<ScanRuleDescriptor> All { get; } = new[]
    {
        ScannerFailureRule.Descriptor,
        OversizedInstructionFileRule.Descriptor,
        OversizedFileRule.Descriptor,
        TooMuchContentRule.Descriptor,
        UndeclaredNetworkRule.Descriptor,
        UndeclaredEnvironmentRule.Descriptor,
        UndeclaredFileWriteRule.Descriptor,
        BidiControlRule.Descriptor,
        ZeroWidthCharacterRule.Descriptor,
        TagCharacterRule.Descriptor,
        InstructionOverrideRule.Descriptor,
        ConcealmentRule.Descriptor,
        ExfiltrationRule.Descriptor,
        HiddenCommentInstructionRule.Descriptor,
        PrivateKeyRule.Descriptor,
        KnownTokenRule.Descriptor,
        HardcodedSecretRule.Descriptor,
        NativeExecutableRule.Descriptor,
        BinaryScriptRule.Descriptor,
        PathTraversalRule.Descriptor,
        AbsolutePathRule.Descriptor,
        BackslashPathRule.Descriptor,
        SymbolicLinkRule.Descriptor,
        DuplicateEntryRule.Descriptor,
        AmbiguousEntryNameRule.Descriptor,
        ZipBombRule.Descriptor,
        NestedArchiveRule.Descriptor,
        EncryptedEntryRule.Descriptor,
        EntryNameCharacterRule.Descriptor,
        TooManyEntriesRule.Descriptor,
        MalformedArchiveRule.Descriptor,
        LocalHeaderMismatchRule.Descriptor,
        SimilarNameRule.Descriptor,
        HomoglyphNameRule.Descriptor,
    }.OrderBy(d => d.Id, StringComparer.Ordinal).ToList();

    /// <summary>The rule with this ID (any letter case), or <see langword="null"/>.</summary>
    /// <param name="id">A rule ID such as <c>SKILLSEC0201</c>.</param>
    /// <returns>The rule, or <see langword="null"/> when there is none.</returns>
    public static ScanRuleDescriptor? Find(string id) => All.FirstOrDefault(d => string.Equals(d.Id, id, StringComparison.OrdinalIgnoreCase));
}
