using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Registry.Publishing;
using SkillRt.Registry.Storage;
using SkillRt.Server.Identity;
using SkillRt.Signing.Minisign;

namespace SkillRt.Registry.Signing;

/// <summary>
/// The signing step of a publish: a signature sent with the package must verify against one of the
/// owner's active keys, and an owner whose policy requires signatures gets no unsigned version. A
/// signature that passes is recorded with the version, in the publish's own transaction.
/// </summary>
internal sealed class PublishSignatureCheck(SigningKeyService keys, RegistryDbContext database, IOwnerDirectory owners, TimeProvider time)
{
    /// <summary>
    /// Checks <paramref name="signatureText"/> (null when the publish carried none) against the package
    /// bytes in <paramref name="content"/> and the keys of the owner <paramref name="ownerId"/>.
    /// </summary>
    public async Task<(AcceptedSignature? Signature, PublishProblem? Problem)> CheckAsync(
        Guid ownerId, InspectedPackage package, string? signatureText, FileStream content, CancellationToken cancellationToken)
    {
        var name = $"{package.Id} {package.Version.ToNormalizedString()}";
        if (signatureText is null)
        {
            if (!await keys.RequiresSignaturesAsync(ownerId, cancellationToken).ConfigureAwait(false))
            {
                return (null, null);
            }

            var owner = await OwnerNameAsync(ownerId, cancellationToken).ConfigureAwait(false);
            return (null, PublishProblem.Invalid(
                "Signature required",
                $"'{owner}' requires every publish to be signed, and {name} came without a signature. Sign the .nupkg with a key registered to '{owner}' ('skillrt sign <package>.nupkg' or 'minisign -S -m <package>.nupkg') and publish it with the .minisig beside it ('skillrt publish' sends it; other clients send it as a multipart part named 'signature')."));
        }

        if (!MinisignSignature.TryParse(signatureText, "The signature part", out var signature, out var error))
        {
            return (null, PublishProblem.Invalid("Malformed signature", $"{error} Send the .minisig file 'skillrt sign' or 'minisign -S' wrote, unchanged."));
        }

        var key = await keys.FindKeyAsync(ownerId, signature.KeyId, cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            var owner = await OwnerNameAsync(ownerId, cancellationToken).ConfigureAwait(false);
            return (null, PublishProblem.Invalid(
                "Unknown signing key",
                $"{name} is signed with key {signature.KeyId}, which '{owner}' has not registered. Register its public key (POST the .pub file's text to api/v2/owners/{owner}/signing-keys) or sign with one of the keys listed at api/v2/owners/{owner}/signing-keys."));
        }

        if (key.RevokedAt is { } revokedAt)
        {
            var owner = await OwnerNameAsync(ownerId, cancellationToken).ConfigureAwait(false);
            return (null, PublishProblem.Invalid(
                "Revoked signing key",
                $"{name} is signed with key {signature.KeyId}, which '{owner}' revoked on {revokedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC. Sign with an active key (api/v2/owners/{owner}/signing-keys lists them), or create and register a new one ('skillrt key new')."));
        }

        if (!MinisignPublicKey.TryParse(key.PublicKey, "the registered key", out var publicKey, out _))
        {
            throw new InvalidOperationException($"The registered signing key {key.KeyId} of owner {ownerId} is not a minisign public key.");
        }

        content.Position = 0;
        var result = await publicKey.VerifyAsync(signature, content, cancellationToken).ConfigureAwait(false);
        content.Position = 0;
        if (!result.IsValid)
        {
            return (null, PublishProblem.Invalid(
                "Signature does not match the package",
                $"The signature of {name} by key {signature.KeyId} does not verify: {result.Message} Sign the exact .nupkg you publish (packing again changes its bytes), then publish both again."));
        }

        return (new AcceptedSignature(key.KeyId, signatureText), null);
    }

    /// <summary>Adds the signature of the version <paramref name="versionId"/> to the publish's unit of work.</summary>
    public void Record(Guid versionId, AcceptedSignature signature) =>
        database.Set<VersionSignatureRecord>().Add(new VersionSignatureRecord
        {
            VersionId = versionId,
            KeyId = signature.KeyId,
            Signature = signature.Text,
            SignedAt = time.GetUtcNow().UtcDateTime,
        });

    private async Task<string> OwnerNameAsync(Guid ownerId, CancellationToken cancellationToken)
    {
        var found = await owners.GetAsync([ownerId], cancellationToken).ConfigureAwait(false);
        return found.TryGetValue(ownerId, out var owner) ? owner.Name : ownerId.ToString();
    }
}
