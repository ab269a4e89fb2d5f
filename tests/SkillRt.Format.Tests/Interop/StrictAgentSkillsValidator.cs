using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SkillRt.Tests.Interop;

/// <summary>
/// An independent, strict Agent Skills validator for tests, built on YamlDotNet rather than SkillRt's
/// parser. It applies the rules of the reference validator (skills-ref): it finds the frontmatter the
/// way skills-ref does (the text between the first two '---' anywhere in the file), reads it the way
/// strictyaml does (no flow collections, tags or anchors), and accepts only the Agent Skills keys:
/// <c>name</c> (1–64 of a-z, 0-9 and '-', no leading, trailing or doubled '-', equal to the folder
/// name), <c>description</c> (a string of 1–1024 characters), <c>license</c> (a string),
/// <c>compatibility</c> (a string of at most 500 characters), <c>metadata</c> (strings to strings)
/// and <c>allowed-tools</c> (one string). "A string" is a scalar that neither YAML 1.2's core schema
/// nor YAML 1.1 (PyYAML) reads as null, a boolean, a number or a date, so every reader agrees on it.
/// </summary>
internal static class StrictAgentSkillsValidator
{
    private static readonly string[] AllowedKeys = ["name", "description", "license", "compatibility", "metadata", "allowed-tools"];

    // YAML 1.2's core schema, then the YAML 1.1 types PyYAML resolves (yes/no/on/off, 1_000, 0b1, 1:30, dates).
    private static readonly Regex NotAString = new(
        @"^(|~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)" +
        @"|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?0b[01_]+|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])*(\.[0-9_]*)?|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?)$",
        RegexOptions.CultureInvariant);

    /// <summary>Validates a skill folder; returns every error, none when it is valid.</summary>
    public static IReadOnlyList<string> ValidateFolder(string folder)
    {
        var file = Path.Combine(folder, "SKILL.md");
        return File.Exists(file)
            ? Validate(File.ReadAllText(file, Encoding.UTF8), Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)))
            : ["Missing required file: SKILL.md"];
    }

    /// <summary>Validates SKILL.md text for a folder named <paramref name="folderName"/>.</summary>
    public static IReadOnlyList<string> Validate(string content, string folderName)
    {
        var errors = new List<string>();
        if (!content.StartsWith("---", StringComparison.Ordinal))
        {
            return ["SKILL.md must start with YAML frontmatter (---)"];
        }

        var parts = content.Split("---", 3);
        if (parts.Length < 3)
        {
            return ["SKILL.md frontmatter not properly closed with ---"];
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(parts[1]));
        }
        catch (YamlException exception)
        {
            return ["Invalid YAML in frontmatter: " + exception.Message];
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return ["SKILL.md frontmatter must be a YAML mapping"];
        }

        CheckStrictYaml(root, "frontmatter", errors);
        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in root.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            if (!AllowedKeys.Contains(key))
            {
                errors.Add($"Unexpected field in frontmatter: {key}");
            }

            fields[key] = value;
        }

        if (!fields.TryGetValue("name", out var name))
        {
            errors.Add("Missing required field in frontmatter: name");
        }
        else if (String(name) is not { } nameText)
        {
            errors.Add("Field 'name' must be a non-empty string");
        }
        else
        {
            CheckName(nameText.Normalize(NormalizationForm.FormKC), folderName, errors);
        }

        if (!fields.TryGetValue("description", out var description))
        {
            errors.Add("Missing required field in frontmatter: description");
        }
        else if (String(description) is not { } descriptionText || descriptionText.Trim().Length == 0)
        {
            errors.Add("Field 'description' must be a non-empty string");
        }
        else if (CodePoints(descriptionText) > 1024)
        {
            errors.Add($"Description exceeds 1024 character limit ({CodePoints(descriptionText)} chars)");
        }

        if (fields.TryGetValue("license", out var license) && String(license) is null)
        {
            errors.Add("Field 'license' must be a string");
        }

        if (fields.TryGetValue("compatibility", out var compatibility))
        {
            if (String(compatibility) is not { } compatibilityText)
            {
                errors.Add("Field 'compatibility' must be a string");
            }
            else if (CodePoints(compatibilityText) > 500)
            {
                errors.Add($"Compatibility exceeds 500 character limit ({CodePoints(compatibilityText)} chars)");
            }
        }

        if (fields.TryGetValue("metadata", out var metadata))
        {
            if (metadata is not YamlMappingNode entries)
            {
                errors.Add("Field 'metadata' must be a mapping of strings to strings");
            }
            else
            {
                foreach (var (key, value) in entries.Children)
                {
                    if (String(key) is null || String(value) is null)
                    {
                        errors.Add($"Field 'metadata' must map strings to strings ('{key}')");
                    }
                }
            }
        }

        if (fields.TryGetValue("allowed-tools", out var allowedTools) && String(allowedTools) is null)
        {
            errors.Add("Field 'allowed-tools' must be one space-separated string");
        }

        return errors;
    }

    private static void CheckName(string name, string folderName, List<string> errors)
    {
        if (name.Length > 64)
        {
            errors.Add($"Skill name '{name}' exceeds 64 character limit");
        }

        if (!name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
        {
            errors.Add($"Skill name '{name}' contains invalid characters; only a-z, 0-9 and '-' are allowed");
        }

        if (name.StartsWith('-') || name.EndsWith('-'))
        {
            errors.Add("Skill name cannot start or end with a hyphen");
        }

        if (name.Contains("--", StringComparison.Ordinal))
        {
            errors.Add("Skill name cannot contain consecutive hyphens");
        }

        if (!string.Equals(folderName.Normalize(NormalizationForm.FormKC), name, StringComparison.Ordinal))
        {
            errors.Add($"Directory name '{folderName}' must match skill name '{name}'");
        }
    }

    // strictyaml refuses flow style, tags and anchors (and so aliases) anywhere.
    private static void CheckStrictYaml(YamlNode node, string path, List<string> errors)
    {
        if (!node.Anchor.IsEmpty)
        {
            errors.Add($"Anchor '&{node.Anchor}' at {path}: strictyaml does not allow anchors or aliases");
        }

        if (!node.Tag.IsEmpty)
        {
            errors.Add($"Tag '{node.Tag}' at {path}: strictyaml does not allow tags");
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                if (mapping.Style == YamlDotNet.Core.Events.MappingStyle.Flow)
                {
                    errors.Add($"Flow mapping at {path}: strictyaml does not allow flow style");
                }

                foreach (var (key, value) in mapping.Children)
                {
                    CheckStrictYaml(key, path, errors);
                    CheckStrictYaml(value, path + "." + key, errors);
                }

                break;
            case YamlSequenceNode sequence:
                if (sequence.Style == YamlDotNet.Core.Events.SequenceStyle.Flow)
                {
                    errors.Add($"Flow sequence at {path}: strictyaml does not allow flow style");
                }

                foreach (var item in sequence.Children)
                {
                    CheckStrictYaml(item, path + "[]", errors);
                }

                break;
        }
    }

    private static string? String(YamlNode node)
    {
        if (node is not YamlScalarNode scalar || scalar.Value is null)
        {
            return null;
        }

        return scalar.Style is ScalarStyle.Plain && NotAString.IsMatch(scalar.Value) ? null : scalar.Value;
    }

    private static int CodePoints(string text) => text.EnumerateRunes().Count();
}
