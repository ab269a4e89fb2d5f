namespace SkillRt.Runtime.Tests.Infrastructure;

/// <summary>Model answers for the pr-review example skill.</summary>
internal static class PrReviewAnswers
{
    public const string Valid = """
        {"summary":"Adds a cache to the parser.","verdict":"request-changes","findings":[
          {"file":"src/Parser.cs","line":42,"severity":"major","message":"The cache is never invalidated."},
          {"file":"src/Cache.cs","severity":"info","message":"Rename 'x' to 'entry'.","suggestion":"var entry = Find(key);"}]}
        """;

    /// <summary>Three violations: an unknown verdict, a severity outside the enum, a missing message.</summary>
    public const string Invalid = """
        {"summary":"Looks fine.","verdict":"lgtm","findings":[{"file":"a.cs","severity":"blocker"}]}
        """;
}
