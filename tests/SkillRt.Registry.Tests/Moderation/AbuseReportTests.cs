using System;
using System.Linq;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;
using static SkillRt.Registry.Tests.Moderation.ModerationHarness;
using static SkillRt.Registry.Tests.PublishHarness;

namespace SkillRt.Registry.Tests.Moderation;

/// <summary>
/// Abuse reports, the admin queue's authorisation and account suspension against a real server: who
/// may report and how often, what the queue shows, dismissing, and a suspended account's keys refused
/// with the reason until it is unsuspended.
/// </summary>
public sealed class AbuseReportTests(RegistryFixture fixture) : IClassFixture<RegistryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task A_report_goes_to_the_admin_queue_and_a_dismissal_takes_it_out()
    {
        var author = await CreateAccountAsync(Server, fixture.AdministratorKey, "report-author");
        var reporter = await CreateAccountAsync(Server, fixture.AdministratorKey, "report-reporter");
        await PublishCleanAsync(author, "Reported.Skill", "1.0.0");

        var response = await ReportAsync(Server, reporter, "reported.skill", "1.0", "prompt-injection", "The skill tells the agent to ignore the user.");

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var report = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Reported.Skill", report.GetProperty("id").GetString());
        Assert.Equal("1.0.0", report.GetProperty("version").GetString());
        Assert.Equal("open", report.GetProperty("state").GetString());
        var reportId = report.GetProperty("reportId").GetString()!;

        var queued = (await QueueAsync(Server, fixture.AdministratorKey)).GetProperty("reports").EnumerateArray().Single(r => r.GetProperty("reportId").GetString() == reportId);
        Assert.Equal("prompt-injection", queued.GetProperty("category").GetString());
        Assert.Equal("report-reporter", queued.GetProperty("reporter").GetString());
        Assert.Equal("The skill tells the agent to ignore the user.", queued.GetProperty("text").GetString());

        var again = await ReportAsync(Server, reporter, "Reported.Skill", "1.0.0", "malware", "Still bad.");
        await ProblemAsync(again, HttpStatusCode.Conflict);

        Assert.Equal(HttpStatusCode.NoContent, (await AdminAsync(Server, fixture.AdministratorKey, $"reports/{reportId}/dismiss", "The text is a quotation, not an instruction.")).StatusCode);
        Assert.DoesNotContain((await QueueAsync(Server, fixture.AdministratorKey)).GetProperty("reports").EnumerateArray(), r => r.GetProperty("reportId").GetString() == reportId);
        await ProblemAsync(await AdminAsync(Server, fixture.AdministratorKey, $"reports/{reportId}/dismiss"), HttpStatusCode.NotFound);

        // Dismissed, the same reporter may report the version again.
        Assert.Equal(HttpStatusCode.Created, (await ReportAsync(Server, reporter, "Reported.Skill", "1.0.0", "malware", "It came back.")).StatusCode);
    }

    [Fact]
    public async Task A_report_needs_a_key_a_known_package_a_category_and_a_bounded_text()
    {
        var author = await CreateAccountAsync(Server, fixture.AdministratorKey, "report-checks");
        await PublishCleanAsync(author, "Checked.Report", "1.0.0");

        await ProblemAsync(await ReportAsync(Server, null, "Checked.Report", null, "spam", "anonymous"), HttpStatusCode.Unauthorized);
        var category = await ProblemAsync(await ReportAsync(Server, author, "Checked.Report", null, "ugly", "text"), HttpStatusCode.BadRequest);
        Assert.Contains("malware", category.GetProperty("detail").GetString());
        await ProblemAsync(await ReportAsync(Server, author, "Checked.Report", null, "spam", ""), HttpStatusCode.BadRequest);
        await ProblemAsync(await ReportAsync(Server, author, "Checked.Report", null, "spam", new string('x', 4001)), HttpStatusCode.BadRequest);
        await ProblemAsync(await ReportAsync(Server, author, "No.Such.Package", null, "spam", "text"), HttpStatusCode.NotFound);
        await ProblemAsync(await ReportAsync(Server, author, "Checked.Report", "9.9.9", "spam", "text"), HttpStatusCode.NotFound);

        using var client = Server.CreateClient(author);
        using var huge = new System.Net.Http.StringContent(new string(' ', 20_000) + "{}", System.Text.Encoding.UTF8, "application/json");
        await ProblemAsync(await client.PostAsync("api/v2/reports", huge, Ct), HttpStatusCode.RequestEntityTooLarge);

        // A package-wide report (no version) is accepted.
        Assert.Equal(HttpStatusCode.Created, (await ReportAsync(Server, author, "Checked.Report", null, "spam", "The whole package is spam.")).StatusCode);
    }

    [Fact]
    public async Task One_account_has_at_most_twenty_open_reports()
    {
        var author = await CreateAccountAsync(Server, fixture.AdministratorKey, "many-reports-author");
        var reporter = await CreateAccountAsync(Server, fixture.AdministratorKey, "many-reports");
        for (var i = 0; i < 21; i++)
        {
            await PublishCleanAsync(author, "Many.Reports", $"1.0.{i}");
        }

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await ReportAsync(Server, reporter, "Many.Reports", $"1.0.{i}", "spam", "spam")).StatusCode);
        }

        await ProblemAsync(await ReportAsync(Server, reporter, "Many.Reports", "1.0.20", "spam", "spam"), HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Admin_endpoints_answer_403_to_everyone_but_administrators()
    {
        var user = await CreateAccountAsync(Server, fixture.AdministratorKey, "not-an-admin");
        await PublishCleanAsync(user, "Not.Admin.Skill", "1.0.0");

        using (var client = Server.CreateClient(user))
        {
            await ProblemAsync(await client.GetAsync("api/v2/admin/queue", Ct), HttpStatusCode.Forbidden);
        }

        foreach (var action in new[] { "package/Not.Admin.Skill/1.0.0/release", "package/Not.Admin.Skill/1.0.0/remove", $"reports/{Guid.NewGuid()}/dismiss", "accounts/not-an-admin/suspend", "accounts/not-an-admin/unsuspend" })
        {
            await ProblemAsync(await AdminAsync(Server, user, action, "because"), HttpStatusCode.Forbidden);
        }

        using var anonymous = Server.CreateClient();
        await ProblemAsync(await anonymous.GetAsync("api/v2/admin/queue", Ct), HttpStatusCode.Unauthorized);
        Assert.Single(Versions(Server, "Not.Admin.Skill"));
    }

    [Fact]
    public async Task A_suspended_accounts_keys_are_refused_with_the_reason_until_it_is_unsuspended()
    {
        var key = await CreateAccountAsync(Server, fixture.AdministratorKey, "to-suspend");
        await PublishCleanAsync(key, "Suspended.Skill", "1.0.0");

        await ProblemAsync(await AdminAsync(Server, fixture.AdministratorKey, "accounts/to-suspend/suspend"), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.NoContent, (await AdminAsync(Server, fixture.AdministratorKey, "accounts/to-suspend/suspend", "Published credential stealers.")).StatusCode);

        var refused = await ProblemAsync(await PushAsync(Server, CleanPackage("Suspended.Skill", "1.0.1"), key), HttpStatusCode.Unauthorized);
        Assert.Contains("suspended: Published credential stealers.", refused.GetProperty("detail").GetString());
        using (var client = Server.CreateClient(key))
        {
            await ProblemAsync(await client.GetAsync("api/v1/account", Ct), HttpStatusCode.Unauthorized);
        }

        var suspended = (await QueueAsync(Server, fixture.AdministratorKey)).GetProperty("suspended").EnumerateArray().Single(s => s.GetProperty("account").GetString() == "to-suspend");
        Assert.Equal("Published credential stealers.", suspended.GetProperty("reason").GetString());

        // What the account published stays available: packages belong to owners, not to one account's keys.
        using (var anonymous = Server.CreateClient())
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("v3/flatcontainer/suspended.skill/1.0.0/suspended.skill.1.0.0.nupkg", Ct)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await AdminAsync(Server, fixture.AdministratorKey, "accounts/to-suspend/unsuspend")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PushAsync(Server, CleanPackage("Suspended.Skill", "1.0.1"), key)).StatusCode);
        Assert.DoesNotContain((await QueueAsync(Server, fixture.AdministratorKey)).GetProperty("suspended").EnumerateArray(), s => s.GetProperty("account").GetString() == "to-suspend");

        await ProblemAsync(await AdminAsync(Server, fixture.AdministratorKey, "accounts/no-such-account/suspend", "x"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Findings_are_for_the_packages_owners_and_administrators_and_a_clean_version_cannot_be_appealed()
    {
        var author = await CreateAccountAsync(Server, fixture.AdministratorKey, "findings-owner");
        var stranger = await CreateAccountAsync(Server, fixture.AdministratorKey, "findings-stranger");
        await PublishCleanAsync(author, "Findings.Owned", "1.0.0");

        var own = await FindingsBodyAsync(Server, author, "findings.owned", "1.0.0");
        Assert.False(own.GetProperty("quarantined").GetBoolean());
        Assert.Equal(JsonValueKind.Array, own.GetProperty("findings").ValueKind);
        Assert.False((await FindingsBodyAsync(Server, fixture.AdministratorKey, "Findings.Owned", "1.0.0")).GetProperty("quarantined").GetBoolean());

        await ProblemAsync(await FindingsAsync(Server, stranger, "Findings.Owned", "1.0.0"), HttpStatusCode.Forbidden);
        await ProblemAsync(await AppealAsync(Server, stranger, "Findings.Owned", "1.0.0", "please"), HttpStatusCode.Forbidden);
        await ProblemAsync(await AppealAsync(Server, author, "Findings.Owned", "1.0.0", "please"), HttpStatusCode.Conflict);
        await ProblemAsync(await AppealAsync(Server, author, "Findings.Owned", "1.0.0", ""), HttpStatusCode.BadRequest);
        await ProblemAsync(await FindingsAsync(Server, author, "Findings.Owned", "2.0.0"), HttpStatusCode.NotFound);
    }

    private static byte[] CleanPackage(string id, string version) =>
        new SkillPackageBuilder(id, version).AddStructuredSkill("clean-skill", "Summarises the text it is given.").Build();

    private async Task PublishCleanAsync(string key, string id, string version)
    {
        var response = await PushAsync(Server, CleanPackage(id, version), key);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
    }
}
