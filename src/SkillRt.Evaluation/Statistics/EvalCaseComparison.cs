namespace SkillRt.Evaluation;

/// <summary>One case's pass counts in two results and whether the drop is significant.</summary>
public sealed class EvalCaseComparison
{
    internal EvalCaseComparison(string name, int previousPasses, int previousTrials, int currentPasses, int currentTrials, double pValue, bool regressed)
    {
        Name = name;
        PreviousPasses = previousPasses;
        PreviousTrials = previousTrials;
        CurrentPasses = currentPasses;
        CurrentTrials = currentTrials;
        PValue = pValue;
        Regressed = regressed;
    }

    /// <summary>The case's name.</summary>
    public string Name { get; }

    /// <summary>Passes in the previous result.</summary>
    public int PreviousPasses { get; }

    /// <summary>Trials in the previous result.</summary>
    public int PreviousTrials { get; }

    /// <summary>Passes in the current result.</summary>
    public int CurrentPasses { get; }

    /// <summary>Trials in the current result.</summary>
    public int CurrentTrials { get; }

    /// <summary>The one-sided Fisher exact p-value that the current pass rate is lower (<see cref="FisherExactTest.CurrentWorse"/>).</summary>
    public double PValue { get; }

    /// <summary>Whether <see cref="PValue"/> is below the significance level: the case regressed significantly.</summary>
    public bool Regressed { get; }
}
