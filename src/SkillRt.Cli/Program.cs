using System;
using SkillRt.Cli;
using SkillRt.Cli.Output;

// On a terminal, progress is drawn on a status line that every write to the terminal wipes first;
// redirected, the console's own writers are used and nothing extra is ever written.
var statusLine = TerminalStatusLine.ForConsole();
var output = statusLine is null || Console.IsOutputRedirected ? Console.Out : statusLine.Wrap(Console.Out);
var error = statusLine?.Wrap(Console.Error) ?? Console.Error;
return await SkillCommandLine.InvokeAsync(args, output, error).ConfigureAwait(false);
