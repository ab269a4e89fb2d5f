namespace SkillRt.Evaluation;

/// <summary>Where the model's answers come from in an eval run.</summary>
public enum EvalModelMode
{
    /// <summary>The model given to the run answers; recordings are not used.</summary>
    Live,

    /// <summary>Each case's recording answers, a fresh replay per trial: no model, key or network, and the same result every time.</summary>
    Replay,

    /// <summary>The model answers, and each case's first trial is written to its recording (replaced), for later replays.</summary>
    Record,
}
