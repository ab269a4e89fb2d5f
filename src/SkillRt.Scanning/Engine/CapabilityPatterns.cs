using System;
using System.Text.RegularExpressions;

namespace SkillRt.Scanning.Engine;

/// <summary>
/// The patterns that recognise network, environment and file-writing code, per language. Each is a
/// linear pattern (no nested quantifiers), run on one line at a time. The non-backtracking engine has no
/// lookarounds, so a pattern that must not match before some text either consumes its delimiter
/// (the command patterns: only the captured group is used) or is paired with a pattern the caller
/// tries on the text after the match (<see cref="PythonKeyedAccess"/>, <see cref="JavaScriptKeyedAccess"/>).
/// </summary>
internal static class CapabilityPatterns
{
    // What may precede a command: the start of the line, a separator, a subshell, a keyword.
    private const string CommandStart = @"(?:^|[;&|({`]|\$\(|\b(?:then|do|else|if|while|until|xargs|sudo|exec|command|nohup|time|env)\s)\s*(?:sudo\s+|exec\s+|command\s+|nohup\s+)*";

    public static readonly Regex ShellNetwork = ScanRegex.Create(
        CommandStart + @"(curl|wget|nc|ncat|netcat|telnet|ssh|scp|sftp|ftp|aria2c|xh|socat|(?:pip3?|python3?\s+-m\s+pip)\s+install|npm\s+(?:install|i|ci|add)|yarn\s+add|pnpm\s+(?:add|install)|apt(?:-get)?\s+install|apk\s+add|brew\s+install|gem\s+install|cargo\s+install|go\s+(?:get|install)|git\s+(?:clone|fetch|pull|push|ls-remote|submodule\s+update)|gh\s+(?:api|pr|issue|repo|release|run|gist))(?:\s|$|[;|&)])|(/dev/(?:tcp|udp)/)",
        RegexOptions.IgnoreCase);

    public static readonly Regex PythonNetwork = ScanRegex.Create(@"^\s*(?:import|from)\s+(requests|httpx|aiohttp|urllib3|urllib|http\.client|socket|ftplib|smtplib|telnetlib|paramiko|websockets?|pycurl|xmlrpc\.client|asyncssh|grpc)\b|\b(urlopen|urlretrieve|create_connection|socket\.socket|requests\.(?:get|post|put|delete|patch|head|request|Session)|httpx\.\w+)\s*\(|\b(?:os\.system|os\.popen|subprocess\.\w+)\s*\(\s*\[?\s*f?['""](curl|wget|nc)\b");

    public static readonly Regex JavaScriptNetwork = ScanRegex.Create(@"\b(fetch)\s*\(|\brequire\s*\(\s*['""](?:node:)?(https?|http2|net|tls|dgram|axios|node-fetch|got|undici|ws|request|superagent)['""]\s*\)|\b(?:from|import)\s+['""](?:node:)?(https?|http2|net|tls|dgram|axios|node-fetch|got|undici|ws|superagent)['""]|\bnew\s+(WebSocket|XMLHttpRequest|EventSource)\b|\b(axios)\.\w+\s*\(|\b(Deno\.connect\w*)\b");

    public static readonly Regex PowerShellNetwork = ScanRegex.Create(
        @"\b(Invoke-WebRequest|Invoke-RestMethod|Start-BitsTransfer|Test-NetConnection|Send-MailMessage|Net\.WebClient|System\.Net\.Http\.HttpClient|System\.Net\.Sockets\.\w+|System\.Net\.WebRequest|Download(?:String|File|Data)(?:Async)?)\b|" + CommandStart + @"(iwr|irm|curl|wget)(?:\s|$)",
        RegexOptions.IgnoreCase);

    /// <summary>An http(s) URL's host, or the host of <c>git@host:</c>.</summary>
    public static readonly Regex UrlHost = ScanRegex.Create(@"\b(?:https?|wss?|ftp)://(?:[^@/\s'""]*@)?(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)|\bgit@([A-Za-z0-9.-]+):");

    public static readonly Regex ShellVariable = ScanRegex.Create(@"\$\{?([A-Z_][A-Z0-9_]*)");

    public static readonly Regex ShellWholeEnvironment = ScanRegex.Create(CommandStart + @"(printenv|env|export\s+-p|set|declare\s+-x)\s*(?:$|[|;>)&])");

    public static readonly Regex ShellAssignment = ScanRegex.Create(@"(?:^|[;&|]\s*|\b(?:export|local|declare|readonly|typeset)\s+(?:-\w+\s+)*)([A-Za-z_]\w*)(?:\[[^\]]*\])?\+?=|\bread\s+(?:-\w+\s+)*([A-Za-z_]\w*)|\bfor\s+([A-Za-z_]\w*)\s+in\b|\bgetopts\s+\S+\s+([A-Za-z_]\w*)");

    public static readonly Regex PythonEnvironment = ScanRegex.Create(@"\bos\.environ\s*\[\s*['""](\w+)['""]|\bos\.environ\.(?:get|setdefault|pop)\s*\(\s*['""](\w+)['""]|\bos\.getenv(?:b)?\s*\(\s*['""](\w+)['""]|\b(?<whole>os\.environ)\b");

    /// <summary>What follows <c>os.environ</c> when one variable is read by name (so it is not the whole environment); tried on the text after the match.</summary>
    public static readonly Regex PythonKeyedAccess = ScanRegex.Create(@"^(?:\s*\[|\.(?:get|setdefault|pop)\s*\(\s*['""])");

    public static readonly Regex JavaScriptEnvironment = ScanRegex.Create(@"\bprocess\.env\.([A-Za-z_]\w*)|\bprocess\.env\s*\[\s*['""](\w+)['""]|\bDeno\.env\.get\s*\(\s*['""](\w+)['""]|\bBun\.env\.([A-Za-z_]\w*)|\b(?<whole>process\.env|Deno\.env\.toObject)\b");

    /// <summary>What follows <c>process.env</c> when one variable is read (so it is not the whole environment); tried on the text after the match.</summary>
    public static readonly Regex JavaScriptKeyedAccess = ScanRegex.Create(@"^\s*[.\[]");

    public static readonly Regex PowerShellEnvironment = ScanRegex.Create(
        @"\$env:([A-Za-z_]\w*)|\[(?:System\.)?Environment\]::GetEnvironmentVariable\(\s*['""](\w+)['""]|\b(?:Get-ChildItem|gci|dir|ls)\s+(env:)\\?\s*(?:$|[|;])|\[(?:System\.)?Environment\]::(GetEnvironmentVariables)\(",
        RegexOptions.IgnoreCase);

    /// <summary>A shell output redirection and its target, on the line with strings blanked.</summary>
    public static readonly Regex ShellRedirect = ScanRegex.Create(@"(?:^|[^<>&=\-0-9])[12&]?(>>?)\|?\s*([^\s;&|<>()]+)");

    public static readonly Regex ShellWriteCommand = ScanRegex.Create(CommandStart + @"(tee|rm|rmdir|mv|cp|mkdir|touch|chmod|chown|ln|truncate|shred|dd|install|unlink|rsync|sed\s+(?:-\w+\s+)*-i\w*)(?:((?:\s+[^\s;&|)]+)+)|\s|$)");

    public static readonly Regex PythonWrite = ScanRegex.Create(@"\bopen\s*\((?:[^()\n]|\([^()\n]*\))*?,\s*(?:mode\s*=\s*)?['""]([rbt]*[wax+][rbt+]*)['""]|\.(write_text|write_bytes)\s*\(|\b(os\.(?:remove|unlink|rmdir|removedirs|makedirs|mkdir|rename|renames|replace|chmod|chown|truncate|symlink|link)|shutil\.(?:rmtree|move|copy|copy2|copyfile|copytree|make_archive|unpack_archive))\s*\(|\.(unlink|mkdir|touch|rmdir|symlink_to|hardlink_to)\s*\(");

    public static readonly Regex JavaScriptWrite = ScanRegex.Create(@"\b(?:fs|fsp|fse|promises)\.(writeFile|writeFileSync|appendFile|appendFileSync|rm|rmSync|rmdir|rmdirSync|unlink|unlinkSync|mkdir|mkdirSync|rename|renameSync|copyFile|copyFileSync|cp|cpSync|createWriteStream|truncate|truncateSync|chmod|chmodSync|symlink|symlinkSync|outputFile|remove|emptyDir)\b|\b(writeFileSync|appendFileSync|createWriteStream|unlinkSync|rmSync|mkdirSync)\s*\(|\bDeno\.(writeTextFile|writeFile|remove|mkdir|rename)\b");

    public static readonly Regex PowerShellWrite = ScanRegex.Create(
        @"\b(Set-Content|Add-Content|Out-File|Remove-Item|New-Item|Copy-Item|Move-Item|Rename-Item|Clear-Content|Export-Csv|Export-Clixml|Set-ItemProperty|\[(?:System\.)?IO\.File\]::(?:Write|Append|Delete|Move|Copy)\w*)\b",
        RegexOptions.IgnoreCase);
}
