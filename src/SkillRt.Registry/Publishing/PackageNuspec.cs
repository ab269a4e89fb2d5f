using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Versioning;

namespace SkillRt.Registry.Publishing;

/// <summary>
/// The metadata of an uploaded package's nuspec, read with NuGet's own reader from XML that is parsed
/// without DTDs or external entities (the file is untrusted).
/// </summary>
internal sealed class PackageNuspec
{
    /// <summary>The package type <c>dotnet pack</c> gives packages with skills (build/SkillRt.targets).</summary>
    public const string SkillPackageType = "SkillRtSkills";

    // The registry's version columns hold 128 characters (Storage/RegistryDbContext.cs).
    private const int MaxVersionLength = 128;

    private PackageNuspec(string text, NuspecReader reader, NuGetVersion version)
    {
        Text = text;
        Id = reader.GetId();
        Version = version;
        Title = NullIfEmpty(reader.GetTitle());
        Description = NullIfEmpty(reader.GetDescription());
        Authors = NullIfEmpty(reader.GetAuthors());
        Tags = NullIfEmpty(reader.GetTags());
        ProjectUrl = NullIfEmpty(reader.GetProjectUrl());
        var license = reader.GetLicenseMetadata();
        LicenseExpression = license?.Type == LicenseType.Expression ? license.License : null;
        PackageTypes = reader.GetPackageTypes().Select(type => type.Name).ToList();
        IsSkillPackage = PackageTypes.Any(type => string.Equals(type, SkillPackageType, StringComparison.OrdinalIgnoreCase));
        DependencyGroupsJson = DependencyGroups(reader);
    }

    /// <summary>The nuspec as uploaded (UTF-8 decoded), which the flat container serves.</summary>
    public string Text { get; }

    /// <summary>The package ID as the nuspec spells it.</summary>
    public string Id { get; }

    public NuGetVersion Version { get; }

    public string? Title { get; }

    public string? Description { get; }

    public string? Authors { get; }

    public string? Tags { get; }

    public string? ProjectUrl { get; }

    public string? LicenseExpression { get; }

    public bool IsSkillPackage { get; }

    /// <summary>The names of the nuspec's package types (<c>Dependency</c>, <c>SkillRtSkills</c>…).</summary>
    public IReadOnlyList<string> PackageTypes { get; }

    /// <summary><c>[{"targetFramework":"net8.0","dependencies":[{"id":"…","range":"[1.0.0, )"}]}]</c>.</summary>
    public string DependencyGroupsJson { get; }

    /// <summary>Reads the nuspec at <paramref name="path"/> in the package, or says what is wrong with it.</summary>
    public static (PackageNuspec? Nuspec, PublishProblem? Problem) Read(string path, byte[] content)
    {
        string text;
        XDocument document;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content).TrimStart('\uFEFF');
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersInDocument = content.Length + 1L,
            };
            using var reader = XmlReader.Create(new StringReader(text), settings);
            document = XDocument.Load(reader);
        }
        catch (Exception exception) when (exception is XmlException or DecoderFallbackException)
        {
            return Invalid(path, $"is not well-formed XML ({exception.Message})");
        }

        NuspecReader nuspec;
        string id;
        try
        {
            nuspec = new NuspecReader(document);
            id = nuspec.GetId();
        }
        catch (Exception exception) when (IsNuspecError(exception))
        {
            return Invalid(path, $"cannot be read as a nuspec ({exception.Message})");
        }

        if (string.IsNullOrWhiteSpace(id))
        {
            return Invalid(path, "has no <id>");
        }

        if (id.Length > PackageIdValidator.MaxPackageIdLength || !PackageIdValidator.IsValidPackageId(id))
        {
            return Invalid(path, $"has the ID '{PackageInspector.Shorten(id)}', which is not a valid package ID (letters, digits, '.', '-' and '_', at most {PackageIdValidator.MaxPackageIdLength} characters)");
        }

        string versionText;
        try
        {
            versionText = nuspec.GetMetadataValue("version");
        }
        catch (Exception exception) when (IsNuspecError(exception))
        {
            return Invalid(path, $"cannot be read as a nuspec ({exception.Message})");
        }

        if (!NuGetVersion.TryParse(versionText, out var version))
        {
            return Invalid(path, $"has the version '{PackageInspector.Shorten(versionText)}', which is not a NuGet version (SemVer 2.0, such as 1.2.0 or 1.2.0-beta.1)");
        }

        if (version.ToFullString().Length > MaxVersionLength)
        {
            return Invalid(path, $"has a version of {version.ToFullString().Length} characters; at most {MaxVersionLength} are allowed");
        }

        PackageNuspec read;
        try
        {
            read = new PackageNuspec(text, nuspec, version);
        }
        catch (Exception exception) when (IsNuspecError(exception))
        {
            return Invalid(path, $"has invalid metadata ({exception.Message})");
        }

        // nuget.org's limits: every search answer and registration page carries these fields, so
        // unbounded ones would make every answer that lists the package as large as its author likes.
        foreach (var (field, value, max) in new[] { ("<description>", read.Description, 4000), ("<title>", read.Title, 256), ("<tags>", read.Tags, 4000), ("<authors>", read.Authors, 4000), ("<projectUrl>", read.ProjectUrl, 4000) })
        {
            if (value is { Length: var length } && length > max)
            {
                return Invalid(path, $"has a {field} of {length} characters; at most {max} are allowed");
            }
        }

        return (read, null);
    }

    private static string DependencyGroups(NuspecReader reader)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var group in reader.GetDependencyGroups())
            {
                json.WriteStartObject();
                json.WriteString("targetFramework", group.TargetFramework.IsAny ? null : group.TargetFramework.GetShortFolderName());
                json.WriteStartArray("dependencies");
                foreach (var dependency in group.Packages)
                {
                    json.WriteStartObject();
                    json.WriteString("id", dependency.Id);
                    json.WriteString("range", dependency.VersionRange.ToNormalizedString());
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    // NuGet's reader throws several types for bad metadata (a bad version range, a bad framework name…).
    private static bool IsNuspecError(Exception exception) =>
        exception is PackagingException or InvalidDataException or FormatException or ArgumentException or InvalidOperationException or XmlException or NuGet.Frameworks.FrameworkException;

    private static (PackageNuspec?, PublishProblem?) Invalid(string path, string why) =>
        (null, PublishProblem.Invalid("Invalid nuspec", $"The package's nuspec '{PackageInspector.Shorten(path)}' {why}; pack the package again with 'dotnet pack' or 'skillrt publish'."));

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
