using System;
using SkillRt.Cli;

return await SkillCommandLine.InvokeAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
