using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace SkillRt.Tests.Fuzzing;

/// <summary>
/// Mutates real SKILL.md files (truncation, byte flips, inserted YAML and Liquid noise, spliced
/// lines) into hostile inputs. Shared by the parser's fuzz test and the generator's.
/// </summary>
internal static class SkillMutator
{
    private static readonly string[] Noise =
    [
        "---", "\n---\n", "...", ": ", ":", "- ", "? ", "&a ", "*a", "*b ", "&b [*a,*a,*a]", "!!str ", "!!binary ", "!<tag> ",
        "[", "]", "{", "}", "[[[[[[[[", "]]]]", "\"", "'", "|", ">-", "#", "\t", "\r", "\r\n", "\n  ", "%YAML 1.2\n", "\u00A0", "\uFEFF",
        "{{", "}}", "{{ x }}", "{%", "%}", "{% raw %}", "{% for i in x %}", "\\", "\\u12", "~", "null", "0x", "1e999", "-.inf", "é", "🚀",
        "\\UFFFFFFFF", "\\U0010FFFF", "\\uD800", "\\x", "\"\\", "'it's'", "0x" + new string('F', 80), "!!float ", "!<x> ", "[? k]",
        "\n  - name: x\n    type: json\n", "\ninputs:\n", "\noutputs:\n  schema:\n    $ref: '#/a/b'\n", "\n<<: *a\n", "type: [", "\u0085", "\u2028",
    ];

    public static List<byte[]> LoadSeeds() =>
        Directory.GetFiles(TestPaths.Examples, "SKILL.md", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(TestPaths.Fixtures, "SKILL.md", SearchOption.AllDirectories))
            .Select(File.ReadAllBytes)
            .ToList();

    public static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        var mutations = 1 + random.Next(6);
        for (var m = 0; m < mutations && bytes.Count > 0; m++)
        {
            var position = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    bytes.RemoveRange(position, bytes.Count - position);
                    break;
                case 1:
                    bytes[position] ^= (byte)(1 << random.Next(8));
                    break;
                case 2:
                    bytes[position] = (byte)random.Next(256);
                    break;
                case 3:
                    bytes.InsertRange(position, Encoding.UTF8.GetBytes(Noise[random.Next(Noise.Length)]));
                    break;
                case 4:
                    bytes.RemoveRange(position, Math.Min(bytes.Count - position, 1 + random.Next(40)));
                    break;
                default:
                    // Duplicate a run of bytes elsewhere: repeats keys, splits lines, nests blocks.
                    var length = Math.Min(bytes.Count - position, 1 + random.Next(80));
                    var chunk = bytes.GetRange(position, length);
                    bytes.InsertRange(random.Next(bytes.Count), chunk);
                    break;
            }
        }

        return [.. bytes];
    }
}
