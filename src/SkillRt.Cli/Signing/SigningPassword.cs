using System;
using System.IO;
using System.Text;

namespace SkillRt.Cli.Signing;

/// <summary>
/// The password of a signing key: <c>$SKILLRT_SIGNING_KEY_PASSWORD</c> when set (scripts, CI), else asked
/// on the terminal without echo. With no terminal and no variable there is no way to ask, which the
/// error says.
/// </summary>
internal static class SigningPassword
{
    /// <summary>The variable a script sets the password in.</summary>
    public const string EnvironmentVariable = "SKILLRT_SIGNING_KEY_PASSWORD";

    /// <summary>The password for a new key, asked twice on a terminal.</summary>
    public static string ForNewKey(TextWriter prompt)
    {
        if (FromEnvironment() is { } password)
        {
            return password;
        }

        RequireTerminal("to protect the new key", "or pass --no-password for a key without one (like minisign -W)");
        var first = Read(prompt, "Password for the new signing key: ");
        if (first.Length == 0)
        {
            throw new CliException(ExitCodes.UsageError, "the password is empty; type one, or pass --no-password for a key without one (like minisign -W).");
        }

        if (!string.Equals(first, Read(prompt, "The same password again: "), StringComparison.Ordinal))
        {
            throw new CliException(ExitCodes.UsageError, "the two passwords differ; run the command again.");
        }

        return first;
    }

    /// <summary>The password that opens the key file <paramref name="keyFile"/>.</summary>
    public static string ForExistingKey(TextWriter prompt, string keyFile)
    {
        if (FromEnvironment() is { } password)
        {
            return password;
        }

        RequireTerminal($"for '{keyFile}'", "or use a key without a password");
        return Read(prompt, $"Password for '{keyFile}': ");
    }

    private static string? FromEnvironment() =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } password ? password : null;

    private static void RequireTerminal(string what, string alternative)
    {
        if (Console.IsInputRedirected)
        {
            throw new CliException(ExitCodes.UsageError, $"a password is needed {what}, and there is no terminal to ask on; set {EnvironmentVariable}, {alternative}.");
        }
    }

    private static string Read(TextWriter prompt, string question)
    {
        prompt.Write(question);
        prompt.Flush();
        var password = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (password.Length > 0)
                {
                    password.Length--;
                }

                continue;
            }

            if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }

        prompt.WriteLine();
        return password.ToString();
    }
}
