using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Evaluation;

/// <summary>Writes an <see cref="EvalResult"/> as text, JSON, JUnit XML or HTML.</summary>
public static class EvalReport
{
    /// <summary>Writes <paramref name="result"/> to <paramref name="stream"/> in UTF-8 (no byte order mark).</summary>
    /// <param name="result">The result.</param>
    /// <param name="format">The form to write.</param>
    /// <param name="stream">Where to write; left open.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    public static async Task WriteAsync(EvalResult result, EvalReportFormat format, Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(stream);
        switch (format)
        {
            case EvalReportFormat.Json:
                await EvalResultJson.WriteAsync(result, stream, cancellationToken).ConfigureAwait(false);
                await stream.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
                break;
            case EvalReportFormat.JUnit:
                await JUnitReportWriter.WriteAsync(result, stream, cancellationToken).ConfigureAwait(false);
                break;
            case EvalReportFormat.Html:
            case EvalReportFormat.Text:
                var text = format == EvalReportFormat.Html ? HtmlReportWriter.Write(result) : TextReportWriter.Write(result);
                await stream.WriteAsync(new UTF8Encoding(false).GetBytes(text), cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "The format is not one of EvalReportFormat's.");
        }

        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
