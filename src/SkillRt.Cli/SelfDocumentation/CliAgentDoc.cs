#if !SKILL_NATIVE_FRONT
using System;
using System.Collections;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json.Nodes;
using SkillRt.AgentDoc;

namespace SkillRt.Cli.SelfDocumentation;

/// <summary>
/// The agent-doc of the <c>skillrt</c> command itself, read off its command tree, so it can never
/// describe a command, argument or option the program does not have: one operation per command that
/// does something, its arguments and options as the input schema, the exit codes as a concept.
/// </summary>
internal static class CliAgentDoc
{
    /// <summary>The group of the commands that have no subcommands of their own.</summary>
    public const string TopLevelGroup = "cli";

    /// <summary>Describes <paramref name="root"/> and every command under it.</summary>
    public static AgentDocument Create(Command root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var groups = new List<AgentDocGroup> { new(TopLevelGroup, "skillrt commands", "Commands that stand alone.") };
        var operations = new List<AgentDocOperation>();
        foreach (var command in Visible(root.Subcommands))
        {
            if (command.Subcommands.Any(c => !c.Hidden))
            {
                var group = TopLevelGroup + "/" + command.Name;
                groups.Add(new AgentDocGroup(group, "skillrt " + command.Name, command.Description));
                operations.AddRange(Leaves(command, ["skillrt", command.Name]).Select(leaf => Operation(leaf.Command, leaf.Path, group)));
            }
            else
            {
                operations.Add(Operation(command, ["skillrt", command.Name], TopLevelGroup));
            }
        }

        return new AgentDocument
        {
            Identity = new AgentDocIdentity
            {
                Name = "skillrt-cli",
                Version = Version(),
                Title = "The skillrt command",
                Source = new AgentDocSource { Kind = "other", Uri = "skillrt agent-doc self" },
            },
            Summary = root.Description + " Each operation is one command: its input lists the arguments (by name) and the options "
                + "(as typed, with their dashes). Every command also takes --verbose (more detail when something fails) and --help; "
                + "most take --json for output meant for scripts. The exit code says how a command ended (see the concept 'Exit codes').",
            Concepts = [ExitCodesConcept()],
            Groups = groups,
            Operations = operations,
        };
    }

    /// <summary>The program's version without build metadata, as <c>skillrt --version</c> shows it before the '+'.</summary>
    public static string Version()
    {
        var informational = typeof(CliAgentDoc).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }

    private static IEnumerable<(Command Command, string[] Path)> Leaves(Command command, string[] path)
    {
        foreach (var child in Visible(command.Subcommands))
        {
            string[] childPath = [.. path, child.Name];
            if (child.Subcommands.Any(c => !c.Hidden))
            {
                foreach (var leaf in Leaves(child, childPath))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return (child, childPath);
            }
        }
    }

    private static IEnumerable<Command> Visible(IEnumerable<Command> commands) => commands.Where(c => !c.Hidden);

    private static AgentDocOperation Operation(Command command, string[] path, string group)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var argument in command.Arguments.Where(a => !a.Hidden))
        {
            properties[argument.Name] = ValueSchema(argument.ValueType, argument.Description, argument.Arity.MaximumNumberOfValues > 1, argument.HasDefaultValue ? argument.GetDefaultValue() : null);
            if (argument.Arity.MinimumNumberOfValues > 0)
            {
                required.Add((JsonNode)argument.Name);
            }
        }

        foreach (var option in command.Options.Where(o => !o.Hidden && o is not HelpOption and not VersionOption))
        {
            var schema = ValueSchema(option.ValueType, option.Description, option.Arity.MaximumNumberOfValues > 1 && option.ValueType != typeof(bool), option.HasDefaultValue ? option.GetDefaultValue() : null);
            var aliases = option.Aliases.Order(StringComparer.Ordinal).ToList();
            if (aliases.Count > 0)
            {
                schema["x-aliases"] = new JsonArray([.. aliases.Select(a => (JsonNode)a)]);
            }

            properties[option.Name] = schema;
            if (option.Required)
            {
                required.Add((JsonNode)option.Name);
            }
        }

        var input = new JsonObject { ["type"] = "object", ["properties"] = properties };
        if (required.Count > 0)
        {
            input["required"] = required;
        }

        input["additionalProperties"] = false;
        var title = string.Join(' ', path);
        return new AgentDocOperation
        {
            Id = string.Join('/', path.Skip(1).Prepend(TopLevelGroup)),
            Title = title,
            Purpose = string.IsNullOrWhiteSpace(command.Description) ? "Runs `" + title + "`." : command.Description!,
            Group = group,
            Input = input,
        };
    }

    private static JsonObject ValueSchema(Type type, string? description, bool many, object? defaultValue)
    {
        var item = ItemSchema(type, out var isCollection);
        JsonObject schema = many || isCollection ? new JsonObject { ["type"] = "array", ["items"] = item } : item;
        if (!string.IsNullOrWhiteSpace(description))
        {
            schema["description"] = description;
        }

        if (DefaultValue(defaultValue) is { } value)
        {
            schema["default"] = value;
        }

        return schema;
    }

    private static JsonObject ItemSchema(Type type, out bool isCollection)
    {
        isCollection = false;
        if (type != typeof(string) && type.IsArray)
        {
            isCollection = true;
            return ItemSchema(type.GetElementType()!, out _);
        }

        if (type.IsGenericType && type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type))
        {
            isCollection = true;
            return ItemSchema(type.GetGenericArguments()[0], out _);
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(bool))
        {
            return new JsonObject { ["type"] = "boolean" };
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(uint) || type == typeof(ulong))
        {
            return new JsonObject { ["type"] = "integer" };
        }

        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return new JsonObject { ["type"] = "number" };
        }

        if (type.IsEnum)
        {
            return new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. Enum.GetNames(type).Select(n => (JsonNode)n.ToLowerInvariant())]) };
        }

        if (type == typeof(FileInfo) || type == typeof(DirectoryInfo) || type == typeof(FileSystemInfo))
        {
            return new JsonObject { ["type"] = "string", ["x-path"] = type == typeof(DirectoryInfo) ? "folder" : "file" };
        }

        if (type == typeof(TimeSpan))
        {
            return new JsonObject { ["type"] = "string", ["format"] = "duration" };
        }

        if (type == typeof(Uri))
        {
            return new JsonObject { ["type"] = "string", ["format"] = "uri" };
        }

        return new JsonObject { ["type"] = "string" };
    }

    // Only defaults that say something: false for a flag and empty lists are what leaving it out means.
    private static JsonNode? DefaultValue(object? value) => value switch
    {
        string text when text.Length > 0 => text,
        int number => number,
        long number => number,
        double number => number,
        bool flag when flag => true,
        Enum member => member.ToString().ToLowerInvariant(),
        TimeSpan span => span.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };

    private static AgentDocConcept ExitCodesConcept() => new(
        "Exit codes",
        """
        Every command ends with one of these codes; scripts may rely on them, a code keeps its meaning.
        - 0: it worked (warnings may have been printed).
        - 1: a skill has errors: fix what the diagnostics name (file, line, ID) and run again.
        - 2: the command line was wrong (an unknown option, bad JSON inputs, a path that does not exist): read the message and `skillrt <command> --help`.
        - 3: the skill, version or package is not installed or on no feed: check the name and version, `skillrt search`, or `skillrt install` it.
        - 4: the skill ran and failed (a missing dependency, a model or process error, an output that stayed invalid): read the run report; retry only a transient model or network error.
        - 5: something the command needs is not configured, such as the model for `skillrt run`: set what the message names.
        - 6: the skill store could not be read or written (permissions, a full disk, a lock held too long): fix the folder's access or space; retry after a lock.
        - 7: a NuGet feed could not be reached or refused the request: check the URL, the network and the API key (`skillrt login`).
        - 8: `skillrt verify` found evidence of tampering: do not use the package; report it to the registry.
        - 9: `skillrt scan` found a security problem at or above --fail-on: read the findings and fix the skill.
        - 10: `skillrt eval` ran and at least one eval case failed: read the report, fix the skill or the case, and run again.
        - 70: a bug in skillrt itself: run again with --verbose and report the output.
        - 130: cancelled (Ctrl+C).
        """);
}
#endif
