using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Registry.Tests;

/// <summary>Downloads are counted in memory and written in batches; a server that is stopped writes what it counted.</summary>
public sealed class DownloadCountTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_server_stopped_before_its_next_batch_writes_the_counts_it_holds()
    {
        var data = Directory.CreateTempSubdirectory("skillrt-downloads-").FullName;
        // Batches ten minutes apart: only the write at shutdown can record these downloads.
        var settings = new Dictionary<string, string> { ["SkillRt:Registry:DownloadCountInterval"] = "00:10:00" };
        try
        {
            await using (var server = await ServerProcess.StartAsync(data, settings))
            {
                var package = new SkillPackageBuilder("Counted.OnStop", "1.0.0").AddStructuredSkill("counted-on-stop", "Counts downloads until the server stops.").Build();
                using (var pushed = await PublishHarness.PushAsync(server, package, server.AdministratorKey))
                {
                    Assert.Equal(HttpStatusCode.Created, pushed.StatusCode);
                }

                using var client = server.CreateClient();
                for (var i = 0; i < 7; i++)
                {
                    Assert.Equal(package, await client.GetByteArrayAsync("v3/flatcontainer/counted.onstop/1.0.0/counted.onstop.1.0.0.nupkg", Ct));
                }

                await server.StopAsync();
                Assert.Equal(0, server.ExitCode);
            }

            await using var restarted = await ServerProcess.StartAsync(data, settings);
            using var reader = restarted.CreateClient();
            var search = await reader.GetFromJsonAsync<JsonElement>("v3/search?q=packageid:counted.onstop", Ct);
            var hit = Assert.Single(search.GetProperty("data").EnumerateArray());
            Assert.Equal(7, hit.GetProperty("totalDownloads").GetInt64());
            Assert.Equal(7, hit.GetProperty("versions")[0].GetProperty("downloads").GetInt64());
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
