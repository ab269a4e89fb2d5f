using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SkillRt.Schemas;

namespace SkillRt.Evaluation;

/// <summary>
/// Reads the eval files of one skill into cases (spec/EVAL-SPEC.md sections 3–7) with SkillRt.Format's
/// YAML parser, so every problem is reported at its file, line and column. Cases are checked against
/// the skill: inputs through its contract (types, required inputs, enums, defaults), and every path,
/// pattern and schema is compiled now, so a run never stops on a mistake in the file.
/// </summary>
internal sealed class EvalFileReader
{
    private static readonly string[] FileKeys = ["cases", "trials", "min-pass-rate", "description"];
    private static readonly string[] CaseKeys = ["name", "description", "inputs", "task", "recording", "trials", "min-pass-rate", "expect"];
    private static readonly string[] AssertionKinds = ["schema", "equals", "contains", "matches", "approx", "rubric"];
    private static readonly string[] PathKinds = ["equals", "contains", "matches", "approx"];
    private static readonly Regex CaseName = new("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private readonly SkillDefinition _skill;
    private readonly string _directory;
    private readonly List<EvalCase> _cases = [];
    private readonly List<SkillDiagnostic> _diagnostics = [];
    private readonly Dictionary<string, (string File, int Line)> _names = new(StringComparer.Ordinal);

    private string _file = string.Empty;
    private List<SkillDiagnostic> _fileDiagnostics = [];

    public EvalFileReader(SkillDefinition skill, string directory)
    {
        _skill = skill;
        _directory = directory;
    }

    public void ReportNoFiles(string skillFile, string pattern) =>
        _diagnostics.Add(EvalDiagnosticDescriptors.NoEvalFiles.Create(SourceSpan.At(1, 1), $"The skill '{_skill.Name}' ({pattern})").InFile(skillFile));

    public void ReportTooLarge(string file, long length) =>
        _diagnostics.Add(EvalDiagnosticDescriptors.FileTooLarge.Create(SourceSpan.At(1, 1), length, EvalLimits.MaxFileBytes).InFile(file));

    /// <summary>Reads one file's UTF-8 bytes (a leading byte order mark is skipped).</summary>
    public void Read(string file, byte[] utf8)
    {
        _file = file;
        _fileDiagnostics = [];
        try
        {
            var start = utf8.Length >= 3 && utf8[0] == 0xEF && utf8[1] == 0xBB && utf8[2] == 0xBF ? 3 : 0;
            if (SkillParser.CheckUtf8(utf8, start, utf8.Length) is { } invalid)
            {
                _fileDiagnostics.Add(invalid);
                return;
            }

            var text = Encoding.UTF8.GetString(utf8, start, utf8.Length - start);
            if (SkillParser.CheckNul(text, 0) is { } nul)
            {
                _fileDiagnostics.Add(nul);
                return;
            }

            var yaml = new List<SkillDiagnostic>();
            var root = YamlParser.Read(text, 0, text.Length, firstLine: 1, yaml);
            foreach (var diagnostic in yaml)
            {
                // The parser speaks of "frontmatter" when the document is not a mapping; here it is an eval file.
                _fileDiagnostics.Add(diagnostic.Id == "SKILL0009"
                    ? EvalDiagnosticDescriptors.NotAnEvalFile.Create(diagnostic.Span, "An eval file is a mapping with a 'cases' list, such as 'cases:' followed by '  - name: …' items")
                    : diagnostic);
            }

            if (root is not null)
            {
                ReadFile(root);
            }
        }
        finally
        {
            _diagnostics.AddRange(_fileDiagnostics.OrderBy(d => d.Span.StartLine).ThenBy(d => d.Span.StartColumn).Select(d => d.InFile(file)));
        }
    }

    public EvalSuite Finish(IReadOnlyList<string> files) => new(_skill, _directory, files, _cases, _diagnostics);

    private string RelativeFile => Path.GetRelativePath(_directory, _file).Replace('\\', '/');

    private void ReadFile(FrontmatterMapping root)
    {
        var fields = new Fields(this, root, "The file");
        fields.CheckKeys(FileKeys, "the file's keys are cases, trials, min-pass-rate and description");
        var trials = fields.Trials() ?? 1;
        var minPassRate = fields.MinPassRate() ?? 1.0;
        var cases = fields.Node("cases");
        if (cases is null)
        {
            Report(EvalDiagnosticDescriptors.NotAnEvalFile, root.Entries.Count > 0 ? root.Entries[0].Key.Span : root.Span, "The file has no 'cases' list; add 'cases:' with one '- name: …' item per case");
            return;
        }

        if (cases is not FrontmatterSequence sequence)
        {
            Report(EvalDiagnosticDescriptors.WrongType, cases.Span, "'cases'", "a list of cases", cases.KindDescription);
            return;
        }

        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var place = $"cases[{i.ToString(CultureInfo.InvariantCulture)}]";
            if (sequence.Items[i] is FrontmatterMapping mapping)
            {
                ReadCase(new Fields(this, mapping, "'" + place + "'"), trials, minPassRate);
            }
            else
            {
                Report(EvalDiagnosticDescriptors.WrongType, sequence.Items[i].Span, "'" + place + "'", "a mapping with name, inputs and expect", sequence.Items[i].KindDescription);
            }
        }
    }

    private void ReadCase(Fields fields, int fileTrials, double fileMinPassRate)
    {
        var errorsBefore = ErrorCount;
        fields.CheckKeys(CaseKeys, "a case's keys are name, description, inputs, task, recording, trials, min-pass-rate and expect");
        var name = ReadName(fields);
        var place = name is null ? fields.Place : $"Case '{name}'";
        fields = fields.Renamed(place);
        var input = ReadInput(fields);
        var recording = ReadRecording(fields, name);
        var trials = fields.Trials() ?? fileTrials;
        var minPassRate = fields.MinPassRate() ?? fileMinPassRate;
        _ = fields.String("description");

        var assertions = new List<EvalAssertion>();
        var expect = fields.Node("expect");
        if (expect is null)
        {
            fields.Missing("expect", "a list of assertions, such as '- path: $.verdict' with 'equals: approve'");
        }
        else if (expect is not FrontmatterSequence list || list.Items.Count == 0)
        {
            Report(EvalDiagnosticDescriptors.WrongType, expect.Span, $"{place}'s 'expect'", "a list of one or more assertions", expect is FrontmatterSequence ? "an empty list" : expect.KindDescription);
        }
        else
        {
            foreach (var item in list.Items)
            {
                if (item is FrontmatterMapping mapping)
                {
                    if (ReadAssertion(new Fields(this, mapping, $"An assertion of {place}")) is { } assertion)
                    {
                        assertions.Add(assertion);
                    }
                }
                else
                {
                    Report(EvalDiagnosticDescriptors.WrongType, item.Span, $"An assertion of {place}", "a mapping such as {path: $.verdict, equals: approve}", item.KindDescription);
                }
            }
        }

        if (name is not null && input is { } value && ErrorCount == errorsBefore)
        {
            _cases.Add(new EvalCase(name, RelativeFile, fields.Mapping.Span.StartLine, value, recording, trials, minPassRate, assertions));
        }
    }

    private string? ReadName(Fields fields)
    {
        var node = fields.Node("name");
        if (node is null)
        {
            fields.Missing("name", "a name unique in the skill's evals, such as 'approves-a-clean-change'");
            return null;
        }

        if (node is not FrontmatterScalar scalar)
        {
            Report(EvalDiagnosticDescriptors.WrongType, node.Span, fields.Place + "'s 'name'", "text", node.KindDescription);
            return null;
        }

        var name = scalar.Value;
        if (!CaseName.IsMatch(name))
        {
            Report(EvalDiagnosticDescriptors.InvalidCaseName, scalar.Span, $"'{name}' is not a case name: use 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit, such as 'approves-a-clean-change'");
            return null;
        }

        if (_names.TryGetValue(name, out var first))
        {
            Report(EvalDiagnosticDescriptors.InvalidCaseName, scalar.Span, $"the case name '{name}' is already used in {first.File} line {first.Line.ToString(CultureInfo.InvariantCulture)}; results are matched between versions by name, so give each case its own");
            return null;
        }

        _names.Add(name, (RelativeFile, scalar.Span.StartLine));
        return name;
    }

    private JsonElement? ReadInput(Fields fields)
    {
        var manifest = _skill.Manifest;
        var inputs = fields.Node("inputs");
        var task = fields.Node("task");
        JsonElement json;
        FrontmatterNode? located;
        if (manifest.DeclaresInputs)
        {
            if (task is not null)
            {
                Report(EvalDiagnosticDescriptors.InputStyleMismatch, fields.KeySpan("task"), $"{fields.Place} has 'task', but {_skill.Name} declares inputs ({Names(manifest)}); give them under 'inputs:' instead");
                return null;
            }

            if (inputs is not null and not FrontmatterMapping)
            {
                Report(EvalDiagnosticDescriptors.WrongType, inputs.Span, fields.Place + "'s 'inputs'", "a mapping of input names to values", inputs.KindDescription);
                return null;
            }

            json = Parse(inputs?.ToJson() ?? "{}");
            located = inputs;
        }
        else
        {
            if (inputs is not null)
            {
                Report(EvalDiagnosticDescriptors.InputStyleMismatch, fields.KeySpan("inputs"), $"{fields.Place} has 'inputs', but {_skill.Name} declares none, so it runs on a task in words; write 'task: …' instead");
                return null;
            }

            var runsOnModel = manifest.Runtime.Type is SkillRuntimeType.MarkdownSkill or SkillRuntimeType.AnthropicSkill;
            if (task is null)
            {
                if (runsOnModel)
                {
                    fields.Missing("task", $"{_skill.Name} declares no inputs, so each case says what to do in words, such as 'task: Summarize data/sales.csv'");
                    return null;
                }

                json = Parse("{}");
            }
            else if (task is FrontmatterScalar { IsNull: false } text && text.Value.Trim().Length > 0)
            {
                json = JsonSerializer.SerializeToElement(text.Value, EvalJsonContext.Default.String);
            }
            else
            {
                Report(EvalDiagnosticDescriptors.WrongType, task.Span, fields.Place + "'s 'task'", "text saying what to do", task.KindDescription);
                return null;
            }

            located = task;
        }

        if (_skill.Contract.TryReadInput(json, out var normalized, out var violations))
        {
            return normalized;
        }

        foreach (var violation in violations)
        {
            // "/pr_url" points at the inputs entry to fix; the root and deeper pointers at the nearest node there is.
            var first = violation.Pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            var span = first is not null && located is FrontmatterMapping mapping && mapping.Find(Unescape(first)) is { } entry
                ? entry.Key.Span
                : located?.Span ?? fields.Mapping.Span;
            var where = violation.Pointer.Length == 0 ? "inputs" : "inputs" + violation.Pointer.Replace('/', '.');
            Report(EvalDiagnosticDescriptors.InvalidInput, span, $"{fields.Place}'s {where}", violation.Message);
        }

        return null;
    }

    private string? ReadRecording(Fields fields, string? name)
    {
        var node = fields.Node("recording");
        if (node is null)
        {
            return null;
        }

        if (node is not FrontmatterScalar { IsNull: false } scalar || scalar.Value.Length == 0)
        {
            Report(EvalDiagnosticDescriptors.WrongType, node.Span, fields.Place + "'s 'recording'", "a path such as recordings/case.json", node.KindDescription);
            return null;
        }

        var relative = scalar.Value;
        string? problem = null;
        string? full = null;
        if (Path.IsPathRooted(relative) || relative.StartsWith('/') || relative.StartsWith('\\'))
        {
            problem = "is absolute, so the skill could not be moved or published with it";
        }
        else
        {
            full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(_file)!, relative));
            var root = _directory.EndsWith(Path.DirectorySeparatorChar) ? _directory : _directory + Path.DirectorySeparatorChar;
            if (!full.StartsWith(root, StringComparison.Ordinal))
            {
                problem = "leaves the skill's folder";
            }
        }

        if (problem is not null)
        {
            Report(EvalDiagnosticDescriptors.InvalidRecordingPath, scalar.Span, relative, problem, name ?? "case");
            return null;
        }

        return full;
    }

    private EvalAssertion? ReadAssertion(Fields fields)
    {
        var kinds = AssertionKinds.Where(kind => fields.Mapping.Find(kind) is not null).ToList();
        fields.CheckKeys([.. AssertionKinds, "path"], "an assertion is one of schema, equals, contains, matches, approx or rubric, with a 'path' for the four in between");
        if (kinds.Count != 1)
        {
            var found = kinds.Count == 0 ? "has none" : "has " + string.Join(" and ", kinds);
            Report(EvalDiagnosticDescriptors.AmbiguousAssertion, kinds.Count == 0 ? fields.Mapping.Span : fields.KeySpan(kinds[1]), fields.Place, found);
            return null;
        }

        var kind = kinds[0];
        var line = fields.Mapping.Span.StartLine;
        var value = fields.Mapping.Find(kind)!.Value;
        if (!PathKinds.Contains(kind))
        {
            if (fields.Mapping.Find("path") is { } path)
            {
                Report(EvalDiagnosticDescriptors.UnknownKey, path.Key.Span, fields.Place, "path", $"'{kind}' checks the whole output; remove 'path'");
            }

            return kind == "schema" ? ReadSchema(fields, value, line) : ReadRubric(fields, value, line);
        }

        var query = ReadPath(fields);
        if (query is null)
        {
            return null;
        }

        EvalCheck? check = kind switch
        {
            "equals" => new EqualsCheck(query, JsonNode.Parse(value.ToJson())),
            "contains" => new ContainsCheck(query, JsonNode.Parse(value.ToJson())),
            "matches" => ReadPattern(fields, query, value),
            _ => ReadApprox(fields, query, value),
        };
        return check is null ? null : new EvalAssertion(check, line);
    }

    private JsonPathQuery? ReadPath(Fields fields)
    {
        var node = fields.Node("path");
        if (node is null)
        {
            // The whole output: what a text skill's assertions select.
            return JsonPathQuery.Parse("$");
        }

        if (node is not FrontmatterScalar scalar)
        {
            Report(EvalDiagnosticDescriptors.WrongType, node.Span, fields.Place + "'s 'path'", "a JSONPath such as $.verdict", node.KindDescription);
            return null;
        }

        try
        {
            return JsonPathQuery.Parse(scalar.Value);
        }
        catch (JsonPathSyntaxException exception)
        {
            // A quoted scalar's text starts one column after its quote.
            var quoted = scalar.Span.StartLine == scalar.Span.EndLine && scalar.Span.EndColumn - scalar.Span.StartColumn > scalar.Value.Length;
            var column = scalar.Span.StartColumn + exception.Position + (quoted ? 1 : 0);
            Report(EvalDiagnosticDescriptors.InvalidPath, SourceSpan.At(scalar.Span.StartLine, column), scalar.Value, exception.Message);
            return null;
        }
    }

    private MatchesCheck? ReadPattern(Fields fields, JsonPathQuery query, FrontmatterNode value)
    {
        if (value is not FrontmatterScalar { IsNull: false } scalar)
        {
            Report(EvalDiagnosticDescriptors.WrongType, value.Span, fields.Place + "'s 'matches'", "a regular expression", value.KindDescription);
            return null;
        }

        try
        {
            return new MatchesCheck(query, new Regex(scalar.Value, RegexOptions.CultureInvariant, EvalLimits.RegexMatchTimeout));
        }
        catch (ArgumentException exception)
        {
            Report(EvalDiagnosticDescriptors.InvalidPattern, scalar.Span, scalar.Value, exception.Message);
            return null;
        }
    }

    private ApproxCheck? ReadApprox(Fields fields, JsonPathQuery query, FrontmatterNode value)
    {
        if (value is not FrontmatterMapping mapping)
        {
            Report(EvalDiagnosticDescriptors.InvalidTolerance, value.Span, $"{fields.Place}'s 'approx' must be a mapping such as {{value: 0.8, tolerance: 0.05}} or {{value: 120, relative: 0.1}}, not {value.KindDescription}");
            return null;
        }

        var approx = new Fields(this, mapping, fields.Place + "'s 'approx'");
        approx.CheckKeys(["value", "tolerance", "relative"], "'approx' takes value and one of tolerance or relative");
        var target = approx.Number("value");
        var tolerance = approx.Number("tolerance");
        var relative = approx.Number("relative");
        if (target is null)
        {
            if (mapping.Find("value") is null)
            {
                Report(EvalDiagnosticDescriptors.InvalidTolerance, mapping.Span, $"{approx.Place} has no 'value'; write the number expected, such as {{value: 0.8, tolerance: 0.05}}");
            }

            return null;
        }

        if ((tolerance is null) == (relative is null))
        {
            if (mapping.Find("tolerance") is null == (mapping.Find("relative") is null))
            {
                Report(EvalDiagnosticDescriptors.InvalidTolerance, mapping.Span, $"{approx.Place} needs exactly one of 'tolerance' (absolute: |x − value| ≤ tolerance) or 'relative' (|x − value| ≤ relative × |value|)");
            }

            return null;
        }

        var amount = tolerance ?? relative!.Value;
        if (amount < 0 || double.IsNaN(amount) || double.IsInfinity(amount))
        {
            Report(EvalDiagnosticDescriptors.InvalidTolerance, approx.KeySpan(tolerance is null ? "relative" : "tolerance"), $"{approx.Place}'s {(tolerance is null ? "relative" : "tolerance")} is {amount.ToString(CultureInfo.InvariantCulture)}; a tolerance is a finite number of 0 or more");
            return null;
        }

        return new ApproxCheck(query, target.Value, amount, relative: tolerance is null);
    }

    private EvalAssertion? ReadSchema(Fields fields, FrontmatterNode value, int line)
    {
        var isBoolean = value is FrontmatterScalar { Kind: FrontmatterScalarKind.Boolean };
        if (value is not FrontmatterMapping && !isBoolean)
        {
            Report(EvalDiagnosticDescriptors.WrongType, value.Span, fields.Place + "'s 'schema'", "a JSON Schema (a mapping, or true or false)", value.KindDescription);
            return null;
        }

        try
        {
            var validator = JsonSchemaValidator.Create(value.ToJson());
            return new EvalAssertion(new SchemaCheck(validator), line);
        }
        catch (ArgumentException exception)
        {
            Report(EvalDiagnosticDescriptors.InvalidSchema, value.Span, exception.Message);
            return null;
        }
    }

    private EvalAssertion? ReadRubric(Fields fields, FrontmatterNode value, int line)
    {
        if (value is not FrontmatterScalar { IsNull: false } scalar || scalar.Value.Trim().Length == 0)
        {
            Report(EvalDiagnosticDescriptors.WrongType, value.Span, fields.Place + "'s 'rubric'", "text saying what a good output does", value is FrontmatterScalar ? "empty" : value.KindDescription);
            return null;
        }

        return new EvalAssertion(new RubricCheck(scalar.Value), line);
    }

    private int ErrorCount => _fileDiagnostics.Count(d => d.Severity == SkillDiagnosticSeverity.Error);

    private void Report(SkillDiagnosticDescriptor descriptor, SourceSpan span, params object?[] args) =>
        _fileDiagnostics.Add(descriptor.Create(span, args));

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static string Names(SkillManifest manifest) =>
        manifest.Inputs.Count == 0 ? "none" : string.Join(", ", manifest.Inputs.Select(input => input.Name));

    private static string Unescape(string token) => token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    /// <summary>The keys of one mapping, each problem reported against the mapping's place ("Case 'x'").</summary>
    private sealed class Fields(EvalFileReader reader, FrontmatterMapping mapping, string place)
    {
        public FrontmatterMapping Mapping { get; } = mapping;

        public string Place { get; } = place;

        public Fields Renamed(string newPlace) => new(reader, Mapping, newPlace);

        public FrontmatterNode? Node(string key) =>
            Mapping.Find(key)?.Value is { } node && !(node is FrontmatterScalar { IsNull: true }) ? node : null;

        public SourceSpan KeySpan(string key) => Mapping.Find(key)?.Key.Span ?? Mapping.Span;

        public void CheckKeys(string[] known, string hint)
        {
            foreach (var entry in Mapping.Entries)
            {
                if (!entry.Name.StartsWith("x-", StringComparison.Ordinal) && Array.IndexOf(known, entry.Name) < 0)
                {
                    var closest = known.FirstOrDefault(k => string.Equals(k, entry.Name, StringComparison.OrdinalIgnoreCase) || string.Equals(k.Replace("-", "_", StringComparison.Ordinal), entry.Name, StringComparison.Ordinal));
                    reader.Report(EvalDiagnosticDescriptors.UnknownKey, entry.Key.Span, Place, entry.Name, closest is null ? hint : $"did you mean '{closest}'?");
                }
            }
        }

        public void Missing(string key, string hint) =>
            reader.Report(EvalDiagnosticDescriptors.MissingKey, Mapping.Entries.Count > 0 ? Mapping.Entries[0].Key.Span : Mapping.Span, Place, key, hint);

        public string? String(string key)
        {
            var node = Node(key);
            if (node is null or FrontmatterScalar)
            {
                return (node as FrontmatterScalar)?.Value;
            }

            reader.Report(EvalDiagnosticDescriptors.WrongType, node.Span, $"{Place}'s '{key}'", "text", node.KindDescription);
            return null;
        }

        public double? Number(string key)
        {
            var node = Node(key);
            if (node is null)
            {
                return null;
            }

            if (node is FrontmatterScalar { Kind: FrontmatterScalarKind.Integer or FrontmatterScalarKind.Float } scalar
                && double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            reader.Report(EvalDiagnosticDescriptors.WrongType, node.Span, $"{Place}'s '{key}'", "a number", node.KindDescription);
            return null;
        }

        public int? Trials()
        {
            var node = Node("trials");
            if (node is null)
            {
                return null;
            }

            if (node is FrontmatterScalar { Kind: FrontmatterScalarKind.Integer } scalar
                && long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                if (value is >= 1 and <= EvalLimits.MaxTrials)
                {
                    return (int)value;
                }

                reader.Report(EvalDiagnosticDescriptors.OutOfRange, node.Span, $"{Place}'s 'trials'", scalar.Value, $"run each case 1 to {EvalLimits.MaxTrials.ToString(CultureInfo.InvariantCulture)} times");
                return null;
            }

            reader.Report(EvalDiagnosticDescriptors.WrongType, node.Span, $"{Place}'s 'trials'", "a whole number", node.KindDescription);
            return null;
        }

        public double? MinPassRate()
        {
            var value = Number("min-pass-rate");
            if (value is null or (>= 0 and <= 1))
            {
                return value;
            }

            reader.Report(EvalDiagnosticDescriptors.OutOfRange, Node("min-pass-rate")!.Span, $"{Place}'s 'min-pass-rate'", value.Value.ToString(CultureInfo.InvariantCulture), "write the share of trials that must pass, from 0 to 1, such as 0.8");
            return null;
        }
    }
}
