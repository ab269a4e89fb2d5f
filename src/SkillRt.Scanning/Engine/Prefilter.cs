using System;

namespace SkillRt.Scanning.Engine;

/// <summary>
/// Cheap substring checks that let a line skip a pattern that cannot match it: most lines of a script
/// name no network command, so the pattern never runs on them. A needle only has to be a substring of
/// every possible match; the pattern still decides.
/// </summary>
internal static class Prefilter
{
    public static readonly string[] ShellNetwork = ["curl", "wget", "nc", "telnet", "ssh", "scp", "ftp", "aria2c", "xh", "socat", "pip", "npm", "yarn", "pnpm", "apt", "apk", "brew", "gem", "cargo", "go", "git", "gh", "/dev/"];

    public static readonly string[] ShellWrite = [">", "tee", "rm", "mv", "cp", "mkdir", "touch", "chmod", "chown", "ln", "truncate", "shred", "dd", "install", "unlink", "rsync", "sed"];

    public static readonly string[] ShellEnvironment = ["$", "printenv", "env", "export", "set", "declare"];

    public static readonly string[] PythonNetwork = ["import", "from", "urlopen", "urlretrieve", "create_connection", "socket", "requests", "httpx", "curl", "wget", "nc"];

    public static readonly string[] PythonEnvironment = ["environ", "getenv"];

    public static readonly string[] PythonWrite = ["open", "write_", "os.", "shutil", "unlink", "mkdir", "touch", "rmdir", "symlink", "hardlink"];

    public static readonly string[] JavaScriptNetwork = ["fetch", "require", "import", "from", "WebSocket", "XMLHttpRequest", "EventSource", "axios", "Deno"];

    public static readonly string[] JavaScriptEnvironment = ["env"];

    public static readonly string[] JavaScriptWrite = ["fs", "promises", "Sync", "createWriteStream", "Deno"];

    public static readonly string[] PowerShellNetwork = ["Invoke-", "Start-Bits", "Test-Net", "Send-Mail", "Net.", "Download", "iwr", "irm", "curl", "wget", "IWR", "IRM"];

    public static readonly string[] PowerShellEnvironment = ["env:", "Env:", "ENV:", "Environment"];

    public static readonly string[] PowerShellWrite = ["-Content", "Out-File", "-Item", "Export-", "IO.File"];

    public static bool Any(string line, string[] needles)
    {
        foreach (var needle in needles)
        {
            if (line.IndexOf(needle, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
