using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using SkillRt.Registry.Publishing;

namespace SkillRt.Registry.Signing;

/// <summary>
/// The publish body's <c>signature</c> part: the author's <c>.minisig</c> file, sent as a form field or
/// a file part named <c>signature</c> next to the package. <c>dotnet nuget push</c> sends no such part;
/// such a publish is unsigned.
/// </summary>
internal static class SignaturePart
{
    /// <summary>The multipart part name that carries the signature.</summary>
    public const string Name = "signature";

    public static bool Is(ContentDispositionHeaderValue disposition) =>
        string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, Name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the part as UTF-8 text, refusing a second signature part and one over the size a signature can have.</summary>
    public static async Task<(string? Signature, PublishProblem? Problem)> ReadAsync(MultipartSection section, bool haveOne, CancellationToken cancellationToken)
    {
        if (haveOne)
        {
            return (null, PublishProblem.Invalid("Two signatures", "The upload has two parts named 'signature'; send the package's one .minisig file once."));
        }

        var buffer = new byte[SigningLimits.MaxSignatureChars * 4 + 1];
        var length = 0;
        int read;
        while ((read = await section.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
        {
            length += read;
            if (length == buffer.Length)
            {
                return (null, PublishProblem.Invalid("Signature too large", $"The 'signature' part is over {buffer.Length - 1:N0} bytes; a minisign signature file is a few hundred. Send the .minisig file 'skillrt sign' wrote."));
            }
        }

        try
        {
            return (new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(buffer, 0, length), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, PublishProblem.Invalid("Malformed signature", "The 'signature' part is not UTF-8 text; send the .minisig file 'skillrt sign' or 'minisign -S' wrote, unchanged."));
        }
    }
}
