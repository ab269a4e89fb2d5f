using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace SkillRt.Scanning.Engine;

/// <summary>
/// Finds where a file uses the network, reads the environment or writes files: every line of a
/// script, and the lines of a Markdown file's fenced code blocks (an agent runs what its instructions
/// show). Prose, frontmatter and comments are not code. One use per line and kind is enough to explain.
/// </summary>
internal static class CapabilityDetector
{
    /// <summary>Variables every process gets from the runtime (spec 11.1), and shell-internal ones.</summary>
    private static readonly HashSet<string> ImplicitVariables = new(StringComparer.Ordinal)
    {
        "HOME", "PATH", "LANG", "TMPDIR", "PWD", "OLDPWD", "IFS", "RANDOM", "LINENO", "SECONDS", "FUNCNAME",
        "PPID", "UID", "EUID", "SHLVL", "OPTARG", "OPTIND", "REPLY", "PIPESTATUS", "BASHPID", "BASH_SOURCE",
        "BASH_REMATCH", "BASH_VERSION", "BASH_LINENO", "HOSTNAME", "HOSTTYPE", "OSTYPE", "MACHTYPE", "EPOCHSECONDS",
        "EPOCHREALTIME", "COLUMNS", "LINES", "SRANDOM", "GROUPS", "BASH_ARGV", "BASH_ARGC", "SHELLOPTS", "BASHOPTS",
    };

    public static IReadOnlyList<CapabilityUse> Detect(ScannedFile file, System.Threading.CancellationToken cancellationToken)
    {
        var uses = new List<CapabilityUse>();
        if (file.Text is null || file.Skill is null || !(file.IsScript || file.Language == FileLanguage.Markdown))
        {
            return uses;
        }

        var lines = file.Lines;
        HashSet<string>? assigned = null;
        HashSet<string>? tempVariables = null;
        for (var number = 1; number <= lines.Count; number++)
        {
            if ((number & 255) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var language = file.CodeLanguageAt(number);
            if (language is null or FileLanguage.Markdown or FileLanguage.Binary)
            {
                continue;
            }

            var text = lines.Line(number);
            if (text.Length == 0 || (number == 1 && text.StartsWith("#!", StringComparison.Ordinal)))
            {
                continue;
            }

            // A script in scripts/ of no language we know: look for network use in every language's terms.
            var effective = language.Value;
            var offset = lines.StartOf(number);
            CodeLine? parsed = null;
            CodeLine Code() => parsed ??= CodeLine.Parse(text, effective == FileLanguage.Text ? FileLanguage.Shell : effective);
            try
            {
                switch (effective)
                {
                    case FileLanguage.Shell:
                        assigned ??= ShellAssignments(file, out tempVariables);
                        Shell(text, Code, number, offset, assigned, tempVariables!, uses);
                        break;
                    case FileLanguage.Python:
                        Detect(text, Code, Prefilter.PythonNetwork, CapabilityPatterns.PythonNetwork, CapabilityKind.Network, number, offset, uses);
                        Detect(text, Code, Prefilter.PythonEnvironment, CapabilityPatterns.PythonEnvironment, CapabilityKind.Environment, number, offset, uses, CapabilityPatterns.PythonKeyedAccess);
                        if (text.IndexOf("tempfile", StringComparison.Ordinal) < 0)
                        {
                            Detect(text, Code, Prefilter.PythonWrite, CapabilityPatterns.PythonWrite, CapabilityKind.FileWrite, number, offset, uses);
                        }

                        break;
                    case FileLanguage.JavaScript:
                        Detect(text, Code, Prefilter.JavaScriptNetwork, CapabilityPatterns.JavaScriptNetwork, CapabilityKind.Network, number, offset, uses);
                        Detect(text, Code, Prefilter.JavaScriptEnvironment, CapabilityPatterns.JavaScriptEnvironment, CapabilityKind.Environment, number, offset, uses, CapabilityPatterns.JavaScriptKeyedAccess);
                        if (text.IndexOf("tmpdir", StringComparison.OrdinalIgnoreCase) < 0 && text.IndexOf("mkdtemp", StringComparison.Ordinal) < 0)
                        {
                            Detect(text, Code, Prefilter.JavaScriptWrite, CapabilityPatterns.JavaScriptWrite, CapabilityKind.FileWrite, number, offset, uses);
                        }

                        break;
                    case FileLanguage.PowerShell:
                        Detect(text, Code, Prefilter.PowerShellNetwork, CapabilityPatterns.PowerShellNetwork, CapabilityKind.Network, number, offset, uses);
                        Detect(text, Code, Prefilter.PowerShellEnvironment, CapabilityPatterns.PowerShellEnvironment, CapabilityKind.Environment, number, offset, uses);
                        Detect(text, Code, Prefilter.PowerShellWrite, CapabilityPatterns.PowerShellWrite, CapabilityKind.FileWrite, number, offset, uses);
                        break;
                    default:
                        // Untagged code blocks and unknown scripts: commands that reach the network, in any shell.
                        Detect(text, Code, Prefilter.ShellNetwork, CapabilityPatterns.ShellNetwork, CapabilityKind.Network, number, offset, uses);
                        if (file.IsScript)
                        {
                            Detect(text, Code, Prefilter.PythonNetwork, CapabilityPatterns.PythonNetwork, CapabilityKind.Network, number, offset, uses);
                            Detect(text, Code, Prefilter.JavaScriptNetwork, CapabilityPatterns.JavaScriptNetwork, CapabilityKind.Network, number, offset, uses);
                            Detect(text, Code, Prefilter.PowerShellNetwork, CapabilityPatterns.PowerShellNetwork, CapabilityKind.Network, number, offset, uses);
                        }

                        break;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A line built to make a pattern slow is skipped rather than allowed to stall a publish.
            }
        }

        return uses;
    }

    private static void Shell(string text, Func<CodeLine> code, int number, int offset, HashSet<string> assigned, HashSet<string> tempVariables, List<CapabilityUse> uses)
    {
        Detect(text, code, Prefilter.ShellNetwork, CapabilityPatterns.ShellNetwork, CapabilityKind.Network, number, offset, uses);
        if (Prefilter.Any(text, Prefilter.ShellEnvironment))
        {
            ShellEnvironment(code(), number, offset, assigned, uses);
        }

        if (Prefilter.Any(text, Prefilter.ShellWrite))
        {
            ShellWrite(code(), number, offset, tempVariables, uses);
        }
    }

    private static void ShellEnvironment(CodeLine line, int number, int offset, HashSet<string> assigned, List<CapabilityUse> uses)
    {
        var whole = CapabilityPatterns.ShellWholeEnvironment.Match(line.Bare);
        if (whole.Success)
        {
            uses.Add(new CapabilityUse(CapabilityKind.Environment, whole.Groups[1].Value, null, number, offset + whole.Groups[1].Index, whole.Groups[1].Length));
        }
        else
        {
            // $VAR outside single quotes: the single-quoted parts are blanked in Bare, and so are the
            // double-quoted ones, so variables are read from Code where Bare shows no single quote.
            foreach (Match match in CapabilityPatterns.ShellVariable.Matches(line.Code))
            {
                var name = match.Groups[1].Value;
                if (ImplicitVariables.Contains(name) || assigned.Contains(name) || InSingleQuotes(line.Code, match.Index))
                {
                    continue;
                }

                uses.Add(new CapabilityUse(CapabilityKind.Environment, "$" + name, name, number, offset + match.Index, match.Length));
                break;
            }
        }
    }

    private static void ShellWrite(CodeLine line, int number, int offset, HashSet<string> tempVariables, List<CapabilityUse> uses)
    {
        // [[ a > b ]] and (( a > b )) compare; everywhere else > writes a file.
        var bare = line.Bare;
        if (bare.IndexOf("[[", StringComparison.Ordinal) < 0 && bare.IndexOf("((", StringComparison.Ordinal) < 0)
        {
            foreach (Match match in CapabilityPatterns.ShellRedirect.Matches(bare))
            {
                var target = line.Code.Substring(match.Groups[2].Index, match.Groups[2].Length);
                if (!IsScratch(target, tempVariables))
                {
                    uses.Add(new CapabilityUse(CapabilityKind.FileWrite, match.Groups[1].Value + " " + target, target, number, offset + match.Groups[1].Index, match.Length));
                    break;
                }
            }
        }

        var command = CapabilityPatterns.ShellWriteCommand.Match(bare);
        if (command.Success)
        {
            var arguments = line.Code.Substring(command.Groups[2].Index, command.Groups[2].Length).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            var last = arguments.Length > 0 ? arguments[arguments.Length - 1] : string.Empty;
            if (!IsScratch(last, tempVariables) && !(command.Groups[1].Value == "tee" && arguments.Length == 0))
            {
                var verb = command.Groups[1].Value.Split(' ')[0];
                uses.Add(new CapabilityUse(CapabilityKind.FileWrite, verb, last.Length > 0 ? last : null, number, offset + command.Groups[1].Index, command.Groups[1].Length));
            }
        }
    }

    private static void Detect(string text, Func<CodeLine> code, string[] needles, Regex pattern, CapabilityKind kind, int number, int offset, List<CapabilityUse> uses, Regex? keyedAccess = null)
    {
        if (!Prefilter.Any(text, needles))
        {
            return;
        }

        switch (kind)
        {
            case CapabilityKind.Network:
                Network(pattern, code().Code, number, offset, uses);
                break;
            case CapabilityKind.Environment:
                Environment(pattern, keyedAccess, code().Code, number, offset, uses);
                break;
            default:
                Write(pattern, code().Code, number, offset, uses);
                break;
        }
    }

    private static void Network(Regex pattern, string code, int number, int offset, List<CapabilityUse> uses)
    {
        var match = pattern.Match(code);
        if (!match.Success)
        {
            return;
        }

        var group = FirstGroup(match);
        var host = CapabilityPatterns.UrlHost.Match(code);
        var subject = host.Success ? (host.Groups[1].Success ? host.Groups[1].Value : host.Groups[2].Value) : null;
        uses.Add(new CapabilityUse(CapabilityKind.Network, ScanRegex.Collapse(group.Value), subject, number, offset + group.Index, group.Length));
    }

    private static void Environment(Regex pattern, Regex? keyedAccess, string code, int number, int offset, List<CapabilityUse> uses)
    {
        foreach (Match match in pattern.Matches(code))
        {
            var group = FirstGroup(match);

            // The whole environment object followed by a subscript or a getter is one variable read by a
            // name the patterns cannot see (os.environ[key]); the engine has no lookahead to rule it out.
            var wholeObject = match.Groups["whole"];
            if (keyedAccess is not null && wholeObject.Success && keyedAccess.IsMatch(code.Substring(wholeObject.Index + wholeObject.Length)))
            {
                continue;
            }

            var whole = group.Value.IndexOf('.') >= 0 || group.Value.EndsWith(":", StringComparison.Ordinal) || group.Value == "GetEnvironmentVariables";
            if (!whole && ImplicitVariables.Contains(group.Value))
            {
                continue;
            }

            uses.Add(new CapabilityUse(CapabilityKind.Environment, whole ? group.Value : group.Value, whole ? null : group.Value, number, offset + match.Index, match.Length));
            return;
        }
    }

    private static void Write(Regex pattern, string code, int number, int offset, List<CapabilityUse> uses)
    {
        var match = pattern.Match(code);
        if (match.Success)
        {
            var group = FirstGroup(match);
            uses.Add(new CapabilityUse(CapabilityKind.FileWrite, group.Value.Length <= 3 ? "open(…, '" + group.Value + "')" : group.Value, null, number, offset + match.Index, match.Length));
        }
    }

    private static Group FirstGroup(Match match)
    {
        for (var i = 1; i < match.Groups.Count; i++)
        {
            if (match.Groups[i].Success)
            {
                return match.Groups[i];
            }
        }

        return match.Groups[0];
    }

    private static bool InSingleQuotes(string code, int index)
    {
        var inSingle = false;
        var inDouble = false;
        for (var i = 0; i < index; i++)
        {
            if (code[i] == '\'' && !inDouble)
            {
                inSingle = !inSingle;
            }
            else if (code[i] == '"' && !inSingle)
            {
                inDouble = !inDouble;
            }
        }

        return inSingle;
    }

    /// <summary>/dev/null, /dev/stderr, the private temporary folder, and variables holding a mktemp result.</summary>
    private static bool IsScratch(string target, HashSet<string> tempVariables)
    {
        var t = target.Trim('"', '\'');
        if (t.StartsWith("/dev/", StringComparison.Ordinal) || t.StartsWith("&", StringComparison.Ordinal) || t == "-"
            || t.StartsWith("/tmp/", StringComparison.Ordinal) || t == "/tmp" || t.StartsWith("$TMPDIR", StringComparison.Ordinal) || t.StartsWith("${TMPDIR", StringComparison.Ordinal)
            || t.StartsWith("$null", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (t.StartsWith("$", StringComparison.Ordinal))
        {
            var name = t.TrimStart('$', '{');
            var end = 0;
            while (end < name.Length && (char.IsLetterOrDigit(name[end]) || name[end] == '_'))
            {
                end++;
            }

            return tempVariables.Contains(name.Substring(0, end));
        }

        return false;
    }

    private static HashSet<string> ShellAssignments(ScannedFile file, out HashSet<string> tempVariables)
    {
        var assigned = new HashSet<string>(StringComparer.Ordinal);
        tempVariables = new HashSet<string>(StringComparer.Ordinal);
        var lines = file.Lines;
        for (var number = 1; number <= lines.Count; number++)
        {
            if (file.CodeLanguageAt(number) != FileLanguage.Shell)
            {
                continue;
            }

            var text = lines.Line(number);
            try
            {
                foreach (Match match in CapabilityPatterns.ShellAssignment.Matches(text))
                {
                    for (var g = 1; g < match.Groups.Count; g++)
                    {
                        if (match.Groups[g].Success)
                        {
                            assigned.Add(match.Groups[g].Value);
                            if (text.IndexOf("mktemp", match.Index, StringComparison.Ordinal) >= 0)
                            {
                                tempVariables.Add(match.Groups[g].Value);
                            }
                        }
                    }
                }
            }
            catch (RegexMatchTimeoutException)
            {
            }
        }

        return assigned;
    }
}
