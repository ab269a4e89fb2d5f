using SkillRt.Scanning.Archive;

namespace SkillRt.Scanning.Engine;

/// <summary>A rule over a package's central directory, before any entry is trusted or unpacked.</summary>
internal interface IArchiveRule
{
    void Check(ZipListing listing, ScanContext context);
}
