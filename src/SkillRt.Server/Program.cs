using System;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SkillRt.Registry.Hosting;
using SkillRt.Server;
using SkillRt.Server.Hosting;

// The SkillRt server: the shared host, then one line per module. docs/server.md has the settings.
// appsettings.json is read from beside the program, wherever it is started from.
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

// 127.0.0.1:5480 unless --urls, ASPNETCORE_URLS or Kestrel endpoints say otherwise: never every interface by accident.
builder.UseLoopbackByDefault();

builder.Services.AddSkillRtServer(builder.Configuration)
    .AddSkillRegistry()
    .AddAgentDocs();
builder.AddServerTelemetry();

var app = builder.Build();

app.UseSkillRtServer();
app.MapSkillRtServer();
app.MapSkillRegistry();
app.MapAgentDocs();
app.PrintAddressesOnStart();

await app.RunAsync().ConfigureAwait(false);
