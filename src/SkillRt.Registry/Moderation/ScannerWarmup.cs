using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SkillRt.Scanning;

namespace SkillRt.Registry.Moderation;

/// <summary>
/// Scans a small skill of every kind once at start-up, off the start-up path, so that no publish pays
/// for the JIT and for building the scanner's regular expressions (about 40 non-backtracking automata,
/// built lazily as text is matched). It only saves latency: the patterns have no match timeout, so a
/// cold or loaded process scans more slowly but reaches the same verdict. Publishes wait for this
/// warm-up (<see cref="WaitAsync"/>) so that they do not all pay the cold cost at once.
/// </summary>
internal sealed class ScannerWarmup(IOptions<ModerationOptions> options) : IHostedService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the warm-up scan has run (or failed: the publish scan then runs cold).</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => _ready.Task.WaitAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.ScanAtPublish)
        {
            _ready.TrySetResult();
            return Task.CompletedTask;
        }

        _ = Task.Run(() =>
        {
            try
            {
                new SkillScanner(new ScanOptions { KnownNames = ["Warmup.Example"] }).ScanFiles(
                [
                    File("SKILL.md", "---\nname: warmup\ndescription: Warms the scanner up.\n---\n# Warm-up\nSummarise the text. <!-- a comment -->\n"),
                    File("scripts/run.sh", "#!/bin/sh\ncurl https://example.com -o out.txt\necho \"$HOME\"\n"),
                    File("scripts/run.py", "import os, urllib.request\nprint(os.environ.get('HOME'))\nopen('out.txt', 'w').write('x')\n"),
                    File("scripts/run.js", "const fs = require('fs');\nfetch('https://example.com');\nconsole.log(process.env.HOME);\n"),
                    File("scripts/run.ps1", "Invoke-WebRequest https://example.com\n$env:HOME\nSet-Content out.txt x\n"),
                ]);
            }
            finally
            {
                _ready.TrySetResult();
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static ScanInputFile File(string path, string text) => new(path, Encoding.UTF8.GetBytes(text));
}
