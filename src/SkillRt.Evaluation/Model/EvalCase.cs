using System.Collections.Generic;
using System.Text.Json;

namespace SkillRt.Evaluation;

/// <summary>One golden test: an input for the skill, what its output must satisfy, and how to get the model's answers.</summary>
public sealed class EvalCase
{
    internal EvalCase(string name, string file, int line, JsonElement input, string? recordingPath, int trials, double minPassRate, IReadOnlyList<EvalAssertion> assertions)
    {
        Name = name;
        File = file;
        Line = line;
        Input = input;
        RecordingPath = recordingPath;
        Trials = trials;
        MinPassRate = minPassRate;
        Assertions = assertions;
    }

    /// <summary>The case's name, unique in the suite.</summary>
    public string Name { get; }

    /// <summary>The eval file, relative to the skill's folder with '/' separators (<c>evals/basics.yaml</c>).</summary>
    public string File { get; }

    /// <summary>The line the case starts on.</summary>
    public int Line { get; }

    /// <summary>The input, checked against the skill's declared inputs with their defaults applied (a JSON string for a skill without inputs).</summary>
    public JsonElement Input { get; }

    /// <summary>The full path of the case's recorded model exchanges, or null when it has none.</summary>
    public string? RecordingPath { get; }

    /// <summary>How many times to run the case unless the run overrides it (<c>trials</c> of the case, else of the file, else 1).</summary>
    public int Trials { get; }

    /// <summary>The share of trials that must pass for the case to pass (<c>min-pass-rate</c>; 1 by default).</summary>
    public double MinPassRate { get; }

    /// <summary>The assertions, in the file's order.</summary>
    public IReadOnlyList<EvalAssertion> Assertions { get; }
}
