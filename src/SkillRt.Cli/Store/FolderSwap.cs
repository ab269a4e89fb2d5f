using System;
using System.IO;

namespace SkillRt.Cli.Store;

/// <summary>
/// Replaces a folder with another by renames only, never deleting first, so a failure leaves the old
/// folder where it was: the old one is moved aside, the new one moved into its place, and the old
/// one moved back if that second rename fails. Used by <c>skillrt export</c>/<c>import</c> to replace
/// an output folder and by <see cref="SkillStore"/> to replace an installed entry, which layers a
/// <see cref="ReplacementJournal"/> on top for a process killed between the renames.
/// </summary>
internal static class FolderSwap
{
    /// <summary>
    /// Moves <paramref name="target"/>, which exists, aside to <paramref name="retired"/>, which must
    /// not, then <paramref name="replacement"/> into <paramref name="target"/>. The retired folder is
    /// left for the caller to delete once whatever must go first is gone (the store's journal).
    /// </summary>
    /// <param name="target">The folder being replaced.</param>
    /// <param name="replacement">The complete new folder, on the same volume.</param>
    /// <param name="retired">Where the old folder goes; its parent exists.</param>
    /// <param name="betweenRenames">Called when the old folder is aside and the new one not yet in place (a test pause point).</param>
    /// <exception cref="IOException">A rename failed; the old folder is back at <paramref name="target"/> unless the first rename or the move back failed.</exception>
    /// <exception cref="UnauthorizedAccessException">As for <see cref="IOException"/>.</exception>
    public static void Replace(string target, string replacement, string retired, Action? betweenRenames = null)
    {
        Directory.Move(target, retired);
        betweenRenames?.Invoke();
        try
        {
            Directory.Move(replacement, target);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Directory.Move(retired, target);
            throw;
        }
    }
}
