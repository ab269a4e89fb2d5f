using System;
using System.Linq;
using QuickStart.Skills;
using SkillRt;

// Every SKILL.md under skills/ was validated when this app was built (a broken one fails
// `dotnet build` at its line) and compiled into typed C# by the SkillRt source generator.
Console.WriteLine($"SkillRt QuickStart: {SkillCatalog.Descriptors.Count} skills, validated and compiled at build time");
foreach (var skill in SkillCatalog.Descriptors)
{
    Console.WriteLine();
    Console.WriteLine($"{skill.Name} {skill.Version} ({skill.Runtime.Type.ToWireName()}, output {skill.OutputType.ToWireName()})");
    Console.WriteLine($"  {skill.Description}");
    if (skill.Permissions.Network.Count + skill.Permissions.Environment.Count > 0)
    {
        Console.WriteLine($"  may reach {string.Join(", ", skill.Permissions.Network.Concat(skill.Permissions.Environment.Select(e => "$" + e)))}");
    }
}

// The input is a record with one property per input; required inputs are constructor arguments.
var input = new TriageIssueInput(new Uri("https://github.com/dotnet/runtime/issues/1")) { Team = TriageIssueTeam.Runtime };
Console.WriteLine();
Console.WriteLine("Typed input, as a runner sends it:");
Console.WriteLine("  " + TriageIssueSkill.Contract.SerializeInput(input).GetRawText());

// A model's answer is read by generated code that checks the output schema.
const string Answer = """{"kind":"bug","labels":["area-System.Text.Json"],"next_step":"The JSON team reproduces it."}""";
if (TriageIssueSkill.Contract.TryReadOutput(Answer, out var triage, out _))
{
    Console.WriteLine($"A valid answer: {triage.Kind}, labels {string.Join(", ", triage.Labels)}; next: {triage.NextStep}");
}

// A wrong answer is rejected with every problem and where it is, ready to send back to the model.
Console.WriteLine("A wrong answer:");
TriageIssueSkill.Contract.TryReadOutput("""{"kind":"bugg","labels":"none"}""", out _, out var violations);
foreach (var violation in violations)
{
    Console.WriteLine("  " + violation);
}

return 0;
