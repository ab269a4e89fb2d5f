using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;
using static SkillRt.Registry.Tests.PublishHarness;

namespace SkillRt.Registry.Tests;

/// <summary>
/// A server killed with SIGKILL during a publish leaves, after a restart on the same data, either the
/// whole version (row and blob) or nothing (no row; an unreferenced blob at most, which the start-up
/// sweep removes once it is old), and the package can then be published. Each test runs its own
/// server processes on one data directory.
/// </summary>
public sealed class PublishCrashTests
{
    private const string SweepLine = "Orphan blob sweep: deleted";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Killed_while_the_package_uploads_the_server_keeps_nothing_and_the_publish_then_succeeds()
    {
        var data = Directory.CreateTempSubdirectory("skillrt-crash-").FullName;
        try
        {
            var package = new SkillPackageBuilder("Crash.Upload", "1.0.0").AddStructuredSkill("crash-upload", "Killed mid-upload.").AddEntry("skills/crash-upload/assets/data.bin", RandomNumberGenerator.GetBytes(512 * 1024)).Build();
            string key;
            await using (var server = await ServerProcess.StartAsync(data))
            {
                key = server.AdministratorKey!;
                var content = new HeldContent(package);
                var push = SendAsync(server, content, key);
                await content.HalfSent.WaitAsync(Ct);

                await server.KillAsync();
                content.Release();
                await Assert.ThrowsAnyAsync<Exception>(() => push);
            }

            await using var restarted = await ServerProcess.StartAsync(data);
            await restarted.WaitForOutputAsync(SweepLine, TimeSpan.FromMinutes(1));
            Assert.Empty(Versions(restarted, "Crash.Upload"));
            Assert.Empty(Blobs(restarted));
            Assert.Empty(Uploads(restarted));

            Assert.Equal(HttpStatusCode.Created, (await PushAsync(restarted, package, key)).StatusCode);
            AssertWhole(restarted, "Crash.Upload", package);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Killed_once_the_package_is_sent_the_server_has_the_whole_version_or_none_of_it()
    {
        var data = Directory.CreateTempSubdirectory("skillrt-crash-").FullName;
        try
        {
            var package = new SkillPackageBuilder("Crash.Sent", "1.0.0").AddStructuredSkill("crash-sent", "Killed while it is stored.").AddEntry("skills/crash-sent/assets/data.bin", RandomNumberGenerator.GetBytes(256 * 1024)).Build();
            string key;
            await using (var server = await ServerProcess.StartAsync(data))
            {
                key = server.AdministratorKey!;
                var content = new HeldContent(package, holdHalfway: false);
                var push = SendAsync(server, content, key);
                await content.AllSent.WaitAsync(Ct);

                // The server is reading, inspecting, storing the blob or committing: wherever it is, it dies now.
                await server.KillAsync();
                try
                {
                    await push;
                }
                catch (HttpRequestException)
                {
                }
            }

            await using var restarted = await ServerProcess.StartAsync(data);
            await restarted.WaitForOutputAsync(SweepLine, TimeSpan.FromMinutes(1));
            Assert.Empty(Uploads(restarted));
            if (Versions(restarted, "Crash.Sent").Count == 1)
            {
                AssertWhole(restarted, "Crash.Sent", package);
                await ProblemAsync(await PushAsync(restarted, package, key), HttpStatusCode.Conflict);
            }
            else
            {
                // Nothing recorded: at most the blob was stored, and it is this package's.
                Assert.All(Blobs(restarted), blob => Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(package)), blob));
                Assert.Equal(HttpStatusCode.Created, (await PushAsync(restarted, package, key)).StatusCode);
            }

            AssertWhole(restarted, "Crash.Sent", package);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_blob_a_killed_publish_left_unrecorded_is_swept_once_it_is_an_hour_old()
    {
        var data = Directory.CreateTempSubdirectory("skillrt-crash-").FullName;
        try
        {
            var recorded = new SkillPackageBuilder("Crash.Recorded", "1.0.0").AddStructuredSkill("crash-recorded", "Published whole.").Build();
            string key;
            await using (var server = await ServerProcess.StartAsync(data))
            {
                key = server.AdministratorKey!;
                Assert.Equal(HttpStatusCode.Created, (await PushAsync(server, recorded, key)).StatusCode);
                await server.KillAsync();
            }

            // What a kill between storing the blob and recording the version leaves: a blob nothing refers to.
            var orphan = new SkillPackageBuilder("Crash.Orphan", "1.0.0").AddStructuredSkill("crash-orphan", "Never recorded.").Build();
            var fresh = new SkillPackageBuilder("Crash.Fresh", "1.0.0").AddStructuredSkill("crash-fresh", "Being published right now.").Build();
            var orphanPath = WriteBlob(data, orphan);
            var freshPath = WriteBlob(data, fresh);
            var twoHoursAgo = DateTime.UtcNow.AddHours(-2);
            File.SetLastWriteTimeUtc(orphanPath, twoHoursAgo);
            var recordedPath = Path.Combine(data, "blobs", Sha(recorded)[..2], Sha(recorded));
            File.SetLastWriteTimeUtc(recordedPath, twoHoursAgo);

            await using var restarted = await ServerProcess.StartAsync(data);
            await restarted.WaitForOutputAsync(SweepLine + " 1 ", TimeSpan.FromMinutes(1));

            Assert.False(File.Exists(orphanPath));
            Assert.True(File.Exists(freshPath), "A blob under an hour old may belong to a publish in flight; it must stay.");
            Assert.True(File.Exists(recordedPath), "A blob a version refers to must stay, however old.");
            AssertWhole(restarted, "Crash.Recorded", recorded);
            Assert.Equal(HttpStatusCode.Created, (await PushAsync(restarted, orphan, key)).StatusCode);
            AssertWhole(restarted, "Crash.Orphan", orphan);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>The version is recorded once, and its blob holds exactly the package's bytes.</summary>
    private static void AssertWhole(ServerProcess server, string id, byte[] package)
    {
        var version = Assert.Single(Versions(server, id));
        Assert.Equal(Sha(package), version.Sha256);
        Assert.Equal(package, File.ReadAllBytes(Path.Combine(server.DataDirectory, "blobs", version.Sha256[..2], version.Sha256)));
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string WriteBlob(string data, byte[] content)
    {
        var sha = Sha(content);
        var path = Path.Combine(data, "blobs", sha[..2], sha);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static async Task<HttpResponseMessage> SendAsync(ServerProcess server, HttpContent content, string key)
    {
        using var client = server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Put, PublishPath) { Content = content };
        request.Headers.Add("X-NuGet-ApiKey", key);
        return await client.SendAsync(request, Ct);
    }

    /// <summary>
    /// A multipart package upload that says when half of it, or all of it, is on the wire, and can hold
    /// the rest back forever (until the server dies), so a test kills the server at a known point.
    /// </summary>
    private sealed class HeldContent : HttpContent
    {
        private readonly byte[] _body;
        private readonly bool _holdHalfway;
        private readonly TaskCompletionSource _halfSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _allSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HeldContent(byte[] package, bool holdHalfway = true)
        {
            using var multipart = PackageContent(package);
            _body = multipart.ReadAsByteArrayAsync(Ct).GetAwaiter().GetResult();
            Headers.ContentType = multipart.Headers.ContentType;
            _holdHalfway = holdHalfway;
        }

        public Task HalfSent => _halfSent.Task;

        public Task AllSent => _allSent.Task;

        /// <summary>Lets a held upload send the rest (into a connection that is gone by then).</summary>
        public void Release() => _released.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var half = _body.Length / 2;
            await stream.WriteAsync(_body.AsMemory(0, half));
            await stream.FlushAsync();
            _halfSent.TrySetResult();
            if (_holdHalfway)
            {
                // Held until the test has killed the server; the rest then goes into a broken connection.
                await _released.Task.WaitAsync(Ct);
            }

            await stream.WriteAsync(_body.AsMemory(half));
            await stream.FlushAsync();
            _allSent.TrySetResult();
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _body.Length;
            return true;
        }
    }
}
