using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SkillRt;

// Every skill under skills/ was validated when this app was built (a broken SKILL.md fails
// `dotnet build` at its line). At run time the same validator loads them into typed manifests.
var skillsFolder = Path.Combine(AppContext.BaseDirectory, "skills");
var folders = Directory.GetDirectories(skillsFolder).Order(StringComparer.Ordinal).ToList();
Console.WriteLine($"SkillRt QuickStart: {folders.Count} skills, validated at build time");

foreach (var folder in folders)
{
    var skill = await SkillDefinition.LoadAsync(folder);
    var manifest = skill.Manifest;
    Console.WriteLine();
    Console.WriteLine($"{skill.Name} {manifest.Version} ({manifest.Runtime.Type.ToWireName()})");
    Console.WriteLine($"  {manifest.Description}");
    foreach (var input in manifest.Inputs)
    {
        var details = input.Required ? "required" : input.Default is null ? "optional" : "default " + input.Default.ToJson();
        var values = input.EnumValues.Count > 0 ? " one of " + string.Join("|", input.EnumValues) : string.Empty;
        Console.WriteLine($"  input  {input.Name,-12} {input.Type.ToWireName(),-8} {details}{values}");
    }

    Console.WriteLine($"  output {manifest.Output.Type.ToWireName()}{(manifest.Output.Schema is null ? string.Empty : " " + manifest.Output.Schema.ToJson())}");
    if (manifest.Permissions.Network.Count + manifest.Permissions.Environment.Count > 0)
    {
        Console.WriteLine($"  may reach {string.Join(", ", manifest.Permissions.Network.Concat(manifest.Permissions.Environment.Select(e => "$" + e)))}");
    }
}

// What a mistake looks like: the same diagnostics the build prints, from text.
Console.WriteLine();
Console.WriteLine("Validating a skill with mistakes:");
var broken = SkillValidator.Validate("---\nname: Broken_Skill\ndescription: Shows diagnostics.\nversion: 1.0\ninputs:\n  - name: retries\n    type: integer\n    default: many\n---\nRetry {{ retry }} times.\n", "skills/broken/SKILL.md");
foreach (var diagnostic in broken.Diagnostics)
{
    Console.WriteLine("  " + diagnostic.ToString("skills/broken/SKILL.md"));
}

return 0;
