namespace SkillRt.Evaluation;

/// <summary>A trial that finished: which case, which trial of how many, and how far the run is.</summary>
/// <param name="CaseName">The case.</param>
/// <param name="Trial">The trial that finished, from 1.</param>
/// <param name="Trials">The case's trials.</param>
/// <param name="Passed">Whether the trial passed.</param>
/// <param name="Completed">Trials finished so far in the whole run.</param>
/// <param name="Total">Trials the whole run will make.</param>
public readonly record struct EvalProgress(string CaseName, int Trial, int Trials, bool Passed, int Completed, int Total);
