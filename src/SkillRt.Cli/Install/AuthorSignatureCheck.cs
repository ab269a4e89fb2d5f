using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Signing.Minisign;

namespace SkillRt.Cli.Install;

/// <summary>
/// The one check of a package's author signature that <c>skillrt install</c> and <c>skillrt verify</c>
/// share: the <c>.minisig</c> must parse, name a key the owner registered and has not revoked, and
/// verify over the package's bytes with it. Fetching the files and judging the outcome is the caller's.
/// </summary>
internal static class AuthorSignatureCheck
{
    /// <summary>Checks <paramref name="signatureText"/> over <paramref name="content"/> (read from the start, left at the start).</summary>
    /// <param name="signatureText">The <c>.minisig</c> file's text.</param>
    /// <param name="fileName">How parse errors name the signature file.</param>
    /// <param name="keys">The owner's keys.</param>
    /// <param name="content">The package's bytes.</param>
    /// <param name="cancellationToken">Cancels reading the package.</param>
    public static async Task<AuthorSignatureResult> CheckAsync(string signatureText, string fileName, OwnerSigningKeys keys, Stream content, CancellationToken cancellationToken)
    {
        if (!MinisignSignature.TryParse(signatureText, fileName, out var signature, out var error))
        {
            return new AuthorSignatureResult(AuthorSignatureStatus.Damaged, null, error.ToString());
        }

        var keyId = signature.KeyId.ToString();
        if (!keys.Keys.TryGetValue(keyId, out var key))
        {
            return new AuthorSignatureResult(AuthorSignatureStatus.UnregisteredKey, keyId, null);
        }

        if (key.RevokedAt is { } revokedAt)
        {
            return new AuthorSignatureResult(AuthorSignatureStatus.RevokedKey, keyId, revokedAt);
        }

        content.Position = 0;
        var result = await key.PublicKey.VerifyAsync(signature, content, cancellationToken).ConfigureAwait(false);
        content.Position = 0;
        return result.IsValid
            ? new AuthorSignatureResult(AuthorSignatureStatus.Verified, keyId, null)
            : new AuthorSignatureResult(AuthorSignatureStatus.Mismatch, keyId, result.Message);
    }
}
