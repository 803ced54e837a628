using System.Text.RegularExpressions;
using Ingestion.Identity.Accounts;
using Ingestion.Operations.Holds;
using Ingestion.Samples;
using Ingestion.Samples.Pdf;
using Ingestion.Saga.Packets;
using Ingestion.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;

namespace Ingestion.Tests.WebConsole;

/// <summary>
/// The review console in a real browser (Debian's chromium, headless, driven by Playwright): people sign in with their
/// role, read a scanned form beside its fields, correct and decide with electronic signatures, and see what they signed
/// on the document's timeline; the console refuses what a role may not do and ends idle sessions.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ConsoleBrowserTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);
    private static readonly SampleSite Site = SamplePacketWriter.DemoSites[0];
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private string _samples = null!;

    [OneTimeSetUp]
    public async Task LaunchBrowserAsync() => (_playwright, _browser) = await HeadlessChromium.LaunchAsync();

    [OneTimeTearDown]
    public async Task CloseBrowserAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    [SetUp]
    public void CreateSampleFolder() => _samples = Directory.CreateTempSubdirectory("ingestion-console-").FullName;

    [TearDown]
    public void DeleteSampleFolder() => Directory.Delete(_samples, recursive: true);

    [Test]
    public async Task A_reviewer_reads_a_scanned_1572_beside_its_fields_corrects_a_field_and_approves_it_with_a_signature_shown_on_its_timeline()
    {
        await using var fleet = await Fleet.StartAsync();
        await People.CreateAsync(fleet, People.Reviewer);
        var (document, signedOn) = await HandDatedFormInReviewAsync(fleet);
        var site = await ConsoleSite.StartAsync(fleet);
        var page = await NewPageAsync();
        await SignInAsync(page, site, People.Reviewer);

        await page.GotoAsync(site.Url("/review"));
        await page.ClickAsync($"a[href='/review/{document.CorrelationId}']");
        var image = page.Locator("section.page img");
        await Assertions.Expect(image).ToBeVisibleAsync();
        var png = await page.Context.APIRequest.GetAsync(site.Url($"/documents/{document.CorrelationId}/pages/1.png"));
        Assert.That((png.Status, png.Headers["content-type"], (await png.BodyAsync()).Length > 10_000), Is.EqualTo((200, "image/png", true)), "the scanned page as an image");
        await Assertions.Expect(page.Locator("tr.missing")).ToContainTextAsync("signature_date");
        await Assertions.Expect(page.Locator("tr.ok").First).ToContainTextAsync("OCR");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = HeadlessChromium.ScreenshotPath("review-page.png"), FullPage = true });

        await page.SelectOptionAsync("#field", "signature_date");
        await page.FillAsync("#newValue", signedOn);
        await page.FillAsync("#correctionReason", "Dated by hand in words on page 1; entered as on the page, in ISO form");
        await SignAsync(page, "correction", People.Reviewer, People.Password);
        await page.ClickAsync("text=Sign the correction");
        await Assertions.Expect(page.Locator("p.notice.ok[role=status]")).ToContainTextAsync("Correction signed");
        await Assertions.Expect(page.Locator("tr.corrected")).ToContainTextAsync(signedOn);

        await page.CheckAsync("input[name=verdict][value=approve]");
        await page.FillAsync("#decisionReason", "All five fields checked against the scanned original");
        await SignAsync(page, "decision", People.Reviewer, People.Password);
        await page.ClickAsync("text=Sign the decision");
        await page.WaitForURLAsync(new Regex($"/documents/{document.CorrelationId}\\?done=approved$"));

        var timeline = await Eventually.Until(
            async () =>
            {
                await page.ReloadAsync();
                return await page.Locator("#timeline").InnerTextAsync();
            },
            text => text.Contains("ARCHIVE") && text.Contains("E_SIGNATURE") && text.Contains("FIELD_CORRECTED") && text.Contains("reviewer:jwhitfield"),
            Deadline,
            "the signed approval and the archival on the document's timeline");
        await Assertions.Expect(page.Locator("#state")).ToHaveTextAsync("ARCHIVED");
        var approval = page.Locator("#timeline tr", new PageLocatorOptions { HasText = "E_SIGNATURE" }).Filter(new LocatorFilterOptions { HasText = "APPROVAL" });
        await Assertions.Expect(approval).ToContainTextAsync("Signed by Dr. Jane Whitfield (jwhitfield)");
        await Assertions.Expect(approval).ToContainTextAsync("hash ok");
        Assert.That(timeline, Does.Contain("REVIEW").And.Contain("APPROVED"));
        await Assertions.Expect(page.Locator("table[aria-label='Electronic signatures']")).ToContainTextAsync("APPROVAL");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = HeadlessChromium.ScreenshotPath("document-timeline.png"), FullPage = true });

        Assert.That(await ArchivedFieldAsync(fleet, document.CorrelationId, "signature_date"), Is.EqualTo(signedOn), "the archive holds the corrected value");
        var receipt = await page.Context.APIRequest.GetAsync(site.Url($"/documents/{document.CorrelationId}/receipt"));
        Assert.That(receipt.Status, Is.EqualTo(200));
        Assert.That(await receipt.TextAsync(), Does.Contain("\"inclusion_proof\""), "the receipt carries inclusion proofs");
    }

    [Test]
    public async Task A_wrong_signing_password_is_refused_and_audited_and_the_document_stays_in_review()
    {
        await using var fleet = await Fleet.StartAsync();
        await People.CreateAsync(fleet, People.Reviewer);
        var (document, _) = await HandDatedFormInReviewAsync(fleet);
        var site = await ConsoleSite.StartAsync(fleet);
        var page = await NewPageAsync();
        await SignInAsync(page, site, People.Reviewer);

        await page.GotoAsync(site.Url($"/review/{document.CorrelationId}"));
        await page.CheckAsync("input[name=verdict][value=reject]");
        await page.FillAsync("#decisionReason", "Unsigned form");
        await SignAsync(page, "decision", People.Reviewer, "not-my-password-1A");
        await page.ClickAsync("text=Sign the decision");

        await Assertions.Expect(page.Locator("p.notice.error")).ToContainTextAsync("Refused: The user name or the password is wrong.");
        Assert.That(await page.Locator("#decisionPassword").InputValueAsync(), Is.Empty, "a password is never sent back");
        var refusal = await Eventually.Until(
            async () => (await fleet.LedgerAsync(document.CorrelationId)).Select(e => e.Event).FirstOrDefault(e => e.Action == "SIGNATURE_REFUSED"),
            e => e is not null, Deadline, "the refused signature on the document's audit trail");
        Assert.That(
            $"{refusal!.Actor.WorkerId} {refusal.Outcome} {refusal.FromState}->{refusal.ToState}",
            Is.EqualTo("reviewer:jwhitfield REJECTION MANUAL_REVIEW->MANUAL_REVIEW"));
        Assert.That(refusal.Reason, Does.StartWith("wrong password (failure 1 of 5)"));
        Assert.That(await fleet.Services.GetRequiredService<Ingestion.Identity.Signatures.ElectronicSignatures>().OnAsync(document.CorrelationId), Is.Empty);
        Assert.That((await fleet.SagaAsync(document.CorrelationId)).CurrentState, Is.EqualTo("ManualReview"));
    }

    [Test]
    public async Task An_operator_cannot_approve_and_an_auditor_cannot_change_anything()
    {
        await using var fleet = await Fleet.StartAsync();
        await People.CreateAsync(fleet, People.Operator, People.Auditor);
        var (document, _) = await HandDatedFormInReviewAsync(fleet);
        await fleet.Services.GetRequiredService<ComplianceHolds>().PlaceAsync("DRILL", "Placed by the test.");
        var site = await ConsoleSite.StartAsync(fleet);

        var operatorPage = await NewPageAsync();
        await SignInAsync(operatorPage, site, People.Operator);
        var review = await operatorPage.GotoAsync(site.Url($"/review/{document.CorrelationId}"));
        Assert.That((review!.Status, operatorPage.Url), Is.EqualTo((403, site.Url($"/denied?ReturnUrl=%2Freview%2F{document.CorrelationId}"))));
        var forged = await PostAsync(operatorPage, site, $"/review/{document.CorrelationId}?handler=Decide", new()
        {
            ["verdict"] = "approve", ["reason"] = "forged", ["userName"] = People.Operator.UserName, ["password"] = People.Password,
        });
        Assert.That(forged, Is.EqualTo(403), "an operator's approval is refused before anything is signed");

        var auditorPage = await NewPageAsync();
        await SignInAsync(auditorPage, site, People.Auditor);
        foreach (var path in new[] { "/documents", $"/documents/{document.CorrelationId}", "/fleet", "/audit" })
        {
            await auditorPage.GotoAsync(site.Url(path));
            Assert.That(await auditorPage.Locator("form[method=post]").CountAsync(), Is.EqualTo(1), $"{path} offers an auditor no form but sign-out");
        }

        await auditorPage.GotoAsync(site.Url("/fleet"));
        await Assertions.Expect(auditorPage.Locator("#hold")).ToContainTextAsync("COMPLIANCE HOLD");
        Assert.That(await PostAsync(auditorPage, site, "/fleet?handler=Release", new()
        {
            ["reason"] = "forged", ["userName"] = People.Auditor.UserName, ["password"] = People.Password,
        }), Is.EqualTo(403));
        Assert.That(await PostAsync(auditorPage, site, $"/review/{document.CorrelationId}?handler=Correct", new()
        {
            ["field"] = "signature_date", ["newValue"] = "2026-01-01", ["reason"] = "forged", ["userName"] = People.Auditor.UserName, ["password"] = People.Password,
        }), Is.EqualTo(403));
        await auditorPage.GotoAsync(site.Url("/audit?verify=true"));
        await Assertions.Expect(auditorPage.Locator("#verification")).ToContainTextAsync("Audit chain intact");

        Assert.That(await fleet.Services.GetRequiredService<ComplianceHolds>().ActiveAsync(), Is.Not.Null, "the hold is still active");
        Assert.That((await fleet.SagaAsync(document.CorrelationId)).CurrentState, Is.EqualTo("ManualReview"));
        Assert.That(await fleet.Services.GetRequiredService<Ingestion.Identity.Signatures.ElectronicSignatures>().OnAsync(document.CorrelationId), Is.Empty);
    }

    [Test]
    public async Task A_session_expires_after_its_idle_limit_and_the_expiry_is_audited()
    {
        await using var fleet = await Fleet.StartAsync();
        var accounts = await People.CreateAsync(fleet, People.Auditor);
        var site = await ConsoleSite.StartAsync(fleet, new Dictionary<string, string?> { ["Ingestion:Accounts:SessionIdleMinutes"] = "0.05" });
        var page = await NewPageAsync();
        await SignInAsync(page, site, People.Auditor);
        await page.GotoAsync(site.Url("/documents"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Documents");

        // The session's idle limit (3 s) passes without a request; the database says when.
        await Eventually.Until(() => IdleSessionsAsync(fleet, accounts[People.Auditor.UserName].UserId), idle => idle > 0, Deadline, "the session to pass its idle limit");
        await page.GotoAsync(site.Url("/documents"));

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/login\\?.*ended=IDLE_TIMEOUT"));
        await Assertions.Expect(page.Locator("p.notice")).ToContainTextAsync("Your session expired");
        var expired = await Eventually.Until(
            async () => (await fleet.LedgerAsync(accounts[People.Auditor.UserName].UserId)).Select(e => e.Event.Action).ToList(),
            actions => actions.Contains("SESSION_EXPIRED"), Deadline, "the expiry on the audit trail");
        Assert.That(expired, Is.EqualTo(new[] { "ACCOUNT_CREATED", "PASSWORD_CHANGED", "LOGIN", "SESSION_EXPIRED" }));
    }

    [Test]
    public async Task An_operator_releases_the_compliance_hold_with_a_signature()
    {
        await using var fleet = await Fleet.StartAsync();
        await People.CreateAsync(fleet, People.Operator);
        var folders = SamplePacketWriter.WriteDemo(_samples);
        foreach (var (folder, i) in folders.Select((f, i) => (f, i)))
        {
            await fleet.SubmitAsync(folder, SamplePacketWriter.DemoSites[i].SiteId);
        }

        await Eventually.Until(
            () => fleet.Services.GetRequiredService<PacketStatusQueries>().DocumentsAsync([]),
            documents => documents.Count >= 27 && documents.All(d => d.State is "ARCHIVED" or "REJECTED" or "MANUAL_REVIEW"),
            Deadline, "the sample packets to settle");
        var holds = fleet.Services.GetRequiredService<ComplianceHolds>();
        await holds.PlaceAsync(
            "PARSE_FAILURE_RATE", "7.4 % of the 27 documents finalized in the last 5 minutes were rejected after a stage faulted (threshold 5 %).");
        var site = await ConsoleSite.StartAsync(fleet);
        var page = await NewPageAsync();
        await SignInAsync(page, site, People.Operator);

        await page.GotoAsync(site.Url("/fleet"));
        await Assertions.Expect(page.Locator("#hold")).ToContainTextAsync("COMPLIANCE HOLD");
        await Assertions.Expect(page.Locator("table[aria-label='Documents by site and state']")).ToContainTextAsync(Site.SiteId);
        await page.FillAsync("#releaseReason", "Parser fault rate explained: one corrupt batch, resubmitted by the site");
        await SignAsync(page, "release", People.Operator, People.Password);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = HeadlessChromium.ScreenshotPath("fleet-page.png"), FullPage = true });
        await page.ClickAsync("text=Sign the release");

        await Assertions.Expect(page.Locator("p.notice.ok[role=status]")).ToContainTextAsync("released with your signature");
        await Assertions.Expect(page.Locator("#hold")).ToContainTextAsync("No compliance hold");
        var entries = await Eventually.Until(
            async () => (await fleet.LedgerAsync()).Select(e => e.Event).Where(e => e.Action is "E_SIGNATURE" or "HOLD_RELEASED").ToList(),
            found => found.Count == 2, Deadline, "the signature and the release on the audit trail");
        Assert.That(entries.Select(e => $"{e.Action} {e.Actor.WorkerId} {e.Outcome}"), Is.EqualTo(new[]
        {
            "E_SIGNATURE operator:mokafor RELEASE",
            "HOLD_RELEASED operator:mokafor PARSE_FAILURE_RATE",
        }));
        Assert.That(entries[0].Reason, Does.Contain("Signed by Maya Okafor (mokafor)").And.Contain("compliance-hold record sha256:"));
        Assert.That(await holds.ActiveAsync(), Is.Null);
    }

    [Test]
    public async Task Every_page_carries_the_security_headers_and_every_form_an_anti_forgery_token()
    {
        await using var fleet = await Fleet.StartAsync();
        await People.CreateAsync(fleet, People.Reviewer);
        var site = await ConsoleSite.StartAsync(fleet);
        var page = await NewPageAsync();
        var login = await page.GotoAsync(site.Url("/login"));
        var headers = await login!.AllHeadersAsync();
        Assert.That(headers["content-security-policy"], Does.Contain("default-src 'none'").And.Contain("frame-ancestors 'none'"));
        Assert.That((headers["x-frame-options"], headers["x-content-type-options"], headers["referrer-policy"], headers["cache-control"]),
            Is.EqualTo(("DENY", "nosniff", "no-referrer", "no-store")));
        Assert.That(await page.Locator("form[method=post] input[name=__antiforgery]").CountAsync(), Is.EqualTo(1));

        // A post without the token is refused, even with the right password.
        var forged = await page.Context.APIRequest.PostAsync(
            site.Url("/login"), FormOf(new() { ["userName"] = People.Reviewer.UserName, ["password"] = People.Password }, maxRedirects: 0));
        Assert.That(forged.Status, Is.EqualTo(400));

        await SignInAsync(page, site, People.Reviewer);
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "ingestion-console");
        Assert.That(cookie.HttpOnly, Is.True);
        Assert.That(cookie.SameSite, Is.EqualTo(SameSiteAttribute.Strict));
        var search = site.Url($"/documents?site={Uri.EscapeDataString("<script>alert(1)</script>")}");
        await page.GotoAsync(search);
        Assert.That(await page.Locator("#site").InputValueAsync(), Is.EqualTo("<script>alert(1)</script>"), "shown as text");
        var html = await (await page.Context.APIRequest.GetAsync(search)).TextAsync();
        Assert.That(html, Does.Contain("&lt;script&gt;alert(1)&lt;/script&gt;").And.Not.Contain("<script>alert(1)"), "encoded, never markup");
    }

    private static async Task SignInAsync(IPage page, ConsoleSite site, Person person)
    {
        await page.GotoAsync(site.Url("/login"));
        await page.FillAsync("#userName", person.UserName);
        await page.FillAsync("#password", People.Password);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("header .who")).ToContainTextAsync($"{person.PrintedName} ({person.UserName}, {AccountRoles.Name(person.Role)})");
    }

    private static async Task SignAsync(IPage page, string form, Person person, string password)
    {
        await page.FillAsync($"#{form}User", person.UserName);
        await page.FillAsync($"#{form}Password", password);
    }

    // A form post with the session's anti-forgery token, as a person could craft it by hand; returns the final status.
    private static async Task<int> PostAsync(IPage page, ConsoleSite site, string path, Dictionary<string, string> form)
    {
        form["__antiforgery"] = await page.Locator("input[name=__antiforgery]").First.InputValueAsync();
        var response = await page.Context.APIRequest.PostAsync(site.Url(path), FormOf(form));
        return response.Status;
    }

    private static APIRequestContextOptions FormOf(Dictionary<string, string> values, int? maxRedirects = null) => new()
    {
        Headers = new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded" },
        DataString = string.Join("&", values.Select(v => $"{Uri.EscapeDataString(v.Key)}={Uri.EscapeDataString(v.Value)}")),
        MaxRedirects = maxRedirects,
    };

    private static async Task<long> IdleSessionsAsync(Fleet fleet, Guid userId)
    {
        await using var connection = await fleet.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM console_sessions WHERE user_id = @id AND last_seen_at + make_interval(secs => idle_timeout_seconds) < now()", connection);
        command.Parameters.AddWithValue("id", userId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<string?> ArchivedFieldAsync(Fleet fleet, Guid correlationId, string field)
    {
        await using var connection = await fleet.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand(
            "SELECT f->>'Value' FROM archived_documents, jsonb_array_elements(fields) f WHERE correlation_id = @id AND f->>'Name' = @field", connection);
        command.Parameters.AddWithValue("id", correlationId);
        command.Parameters.AddWithValue("field", field);
        return await command.ExecuteScalarAsync() as string;
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        return await context.NewPageAsync();
    }

    // A scanned Form FDA 1572 whose date was written out in words: it waits in review with signature_date missing.
    private async Task<(DocumentOutcome Document, string SignedOn)> HandDatedFormInReviewAsync(Fleet fleet)
    {
        const int seed = 1572;
        var folder = PdfPacketWriter.WritePacket(Path.Combine(_samples, "hand-dated"), Site, [PdfVariant.ScannedHandDated], seed);
        var packet = await fleet.SubmitAsync(folder, Site.SiteId);
        var documents = await fleet.WaitForSettledAsync(Deadline, packet.PacketId);
        Assert.That(documents.Single().State, Is.EqualTo("MANUAL_REVIEW"), await fleet.ExplainAsync(documents));
        var dateLine = SampleForm.Lines(SampleTemplates.All[0], "2.0", Site, new Random(seed)).Single(l => l.StartsWith("Date Signed: ", StringComparison.Ordinal));
        return (documents.Single(), dateLine["Date Signed: ".Length..]);
    }
}
