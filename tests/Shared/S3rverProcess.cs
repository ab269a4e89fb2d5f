using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.S3;

namespace SkillRt.Tests;

/// <summary>
/// A real S3-compatible server on 127.0.0.1 for a test class: node's s3rver (tests/Shared/package.json)
/// on a port the system picks, storing in a temporary folder, with one empty bucket. Clients must send
/// whole bodies (<c>UseChunkEncoding = false</c>): s3rver stores the SDK's chunked framing as the
/// object's bytes otherwise, so tests compare content, never just status codes. Node runs with
/// OpenSSL's legacy provider, which s3rver's paged listings need.
/// </summary>
internal sealed class S3rverProcess : IAsyncDisposable
{
    /// <summary>The access key ID s3rver knows (it does not check signatures, so any secret works).</summary>
    public const string AccessKeyId = "S3RVER";

    /// <summary>The secret that goes with <see cref="AccessKeyId"/>.</summary>
    public const string SecretAccessKey = "S3RVER";

    private const string ListeningBanner = "S3rver listening on ";

    private static readonly string PackageFolder = Path.Combine(TestPaths.RepositoryRoot, "tests", "Shared");
    private static readonly string Script = Path.Combine(PackageFolder, "node_modules", "s3rver", "bin", "s3rver.js");
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    private readonly Process _process;
    private readonly string _folder;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private S3rverProcess(Process process, string folder, string bucket)
    {
        _process = process;
        _folder = folder;
        Bucket = bucket;
    }

    /// <summary>The service URL, <c>http://127.0.0.1:PORT</c>.</summary>
    public string ServiceUrl { get; private set; } = "";

    /// <summary>The bucket created at start.</summary>
    public string Bucket { get; }

    /// <summary>
    /// The server settings (as for <c>ServerProcess.StartAsync</c>) that keep blobs in this bucket.
    /// </summary>
    public IReadOnlyDictionary<string, string> ServerSettings => new Dictionary<string, string>
    {
        ["SkillRt:Blobs:Provider"] = "S3",
        ["SkillRt:Blobs:S3:ServiceUrl"] = ServiceUrl,
        ["SkillRt:Blobs:S3:Bucket"] = Bucket,
        ["SkillRt:Blobs:S3:AccessKeyId"] = AccessKeyId,
        ["SkillRt:Blobs:S3:SecretAccessKey"] = SecretAccessKey,
        ["SkillRt:Blobs:S3:ForcePathStyle"] = "true",
    };

    /// <summary>Starts s3rver (installing it with <c>npm ci</c> first when tests/Shared/node_modules lacks it) and creates <paramref name="bucket"/>.</summary>
    public static async Task<S3rverProcess> StartAsync(string bucket = "skillrt-test", CancellationToken cancellationToken = default)
    {
        await EnsureInstalledAsync(cancellationToken);
        var folder = Directory.CreateTempSubdirectory("skillrt-s3rver-").FullName;
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = PackageFolder,
        };
        // s3rver makes list continuation tokens with DES, which node 17+ (OpenSSL 3) refuses without the
        // legacy provider: every listing with more objects than one page would answer 500.
        foreach (var argument in new[] { "--openssl-legacy-provider", Script, "-d", folder, "-a", "127.0.0.1", "-p", "0", "--silent" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new S3rverProcess(process, folder, bucket);
        process.OutputDataReceived += (_, e) => server.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => server.OnLine(e.Data);
        process.Exited += (_, _) => server._exited.TrySetResult();
        try
        {
            try
            {
                process.Start();
            }
            catch (System.ComponentModel.Win32Exception)
            {
                throw new InvalidOperationException("The S3 test tier runs s3rver under node, and node was not found on PATH. Install node 20 and npm (apt-get install -y nodejs npm).");
            }

            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var finished = await Task.WhenAny(server._listening.Task, server._exited.Task, Task.Delay(TimeSpan.FromMinutes(1), cancellationToken));
            if (finished != server._listening.Task)
            {
                throw new InvalidOperationException("s3rver did not start listening:\n" + server.Output);
            }

            server.ServiceUrl = "http://" + await server._listening.Task;
            using var client = server.CreateClient();
            await client.PutBucketAsync(bucket, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Everything s3rver wrote so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>An S3 client for this server, configured as the server's S3 blob store configures its own.</summary>
    public AmazonS3Client CreateClient() => new(
        new BasicAWSCredentials(AccessKeyId, SecretAccessKey),
        new AmazonS3Config
        {
            ServiceURL = ServiceUrl,
            ForcePathStyle = true,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _exited.Task.WaitAsync(TimeSpan.FromMinutes(1));
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(Script))
        {
            return;
        }

        await InstallGate.WaitAsync(cancellationToken);
        try
        {
            if (File.Exists(Script))
            {
                return;
            }

            (int ExitCode, string Output) result;
            try
            {
                result = await ExternalCommand.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], PackageFolder, cancellationToken);
            }
            catch (System.ComponentModel.Win32Exception)
            {
                throw new InvalidOperationException(
                    "The S3 test tier runs s3rver under node, and npm was not found. Install node 20 and npm "
                    + "(apt-get install -y nodejs npm), then run `npm ci` in tests/Shared.");
            }

            if (result.ExitCode != 0 || !File.Exists(Script))
            {
                throw new InvalidOperationException($"`npm ci` in {PackageFolder} did not install s3rver (exit code {result.ExitCode}); run it by hand to see why:\n{result.Output}");
            }
        }
        finally
        {
            InstallGate.Release();
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.StartsWith(ListeningBanner, StringComparison.Ordinal))
        {
            _listening.TrySetResult(line[ListeningBanner.Length..].Trim());
        }
    }
}
