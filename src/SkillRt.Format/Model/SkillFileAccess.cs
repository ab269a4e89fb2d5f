namespace SkillRt;

/// <summary>What a filesystem permission allows.</summary>
public enum SkillFileAccess
{
    /// <summary>Read and list matching paths.</summary>
    Read,

    /// <summary>Read, list, create, change and delete matching paths. The default for plain glob entries.</summary>
    ReadWrite,
}
