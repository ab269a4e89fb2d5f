namespace SkillRt.Registry.Search;

/// <summary>The filters a search query can carry as <c>name:value</c> (<c>runtime:process</c>).</summary>
internal enum SearchFilterKind
{
    /// <summary><c>runtime:</c> a skill's runtime type (model, process, mcp-tool…).</summary>
    Runtime,

    /// <summary><c>permission:</c> a permission kind a skill asks for (network, filesystem, env).</summary>
    Permission,

    /// <summary><c>output:</c> a skill's output type (text, json, file).</summary>
    Output,

    /// <summary><c>input:</c> an input's type or name (url, pr_url).</summary>
    Input,

    /// <summary><c>tags:</c> a word of the package's tags.</summary>
    Tag,

    /// <summary><c>owner:</c> the owner's name, exactly (regardless of case).</summary>
    Owner,

    /// <summary><c>packageid:</c> the package ID, exactly (regardless of case), as on nuget.org.</summary>
    PackageId,

    /// <summary>
    /// <c>verified:true</c> (or <c>false</c>): whether the package ID is inside a verified namespace of
    /// one of its owners (<see cref="Namespaces.VerifiedNamespaces"/>).
    /// </summary>
    Verified,

    /// <summary>
    /// <c>typed:true</c> (or <c>false</c>): whether the package has a typed output, that is a skill whose
    /// output is JSON with a JSON Schema (<see cref="TypedOutput"/>).
    /// </summary>
    Typed,
}
