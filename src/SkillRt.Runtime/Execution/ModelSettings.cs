namespace SkillRt.Execution;

/// <summary>The model settings of one run, after the call's options, the skill's hints and the runner's defaults are combined.</summary>
internal readonly record struct ModelSettings(string? ModelId, float? Temperature, int? MaxOutputTokens, int MaxRepairAttempts)
{
    /// <summary>A call's setting wins over the skill's hint, which wins over the runner's default.</summary>
    public static ModelSettings Resolve(SkillRunnerOptions runner, SkillModelHints hints, SkillRunOptions? call)
    {
        var useHints = runner.UseSkillModelHints;
        return new ModelSettings(
            call?.ModelId ?? (useHints ? hints.Id : null) ?? runner.ModelId,
            call?.Temperature ?? (useHints && hints.Temperature is { } t ? (float?)t : null) ?? runner.Temperature,
            call?.MaxOutputTokens ?? (useHints ? hints.MaxOutputTokens : null) ?? runner.MaxOutputTokens,
            call?.MaxRepairAttempts ?? runner.MaxRepairAttempts);
    }
}
