package org.mlarena.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mlarena.it.support.Api;
import org.mlarena.it.support.Browser;
import org.mlarena.it.support.Deployments;
import org.mlarena.it.support.OidcProvider;
import org.mlarena.it.support.Runs;
import org.mlarena.it.support.TestEnvironment;
import org.mlarena.it.support.World;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * In headless Chromium, the hosting and team screens: a host creates a use case through the form (a wrong slug is
 * refused next to its field and nothing typed is lost), edits it, meets a conflicting change, imports a dataset (a bad
 * CSV first: the report names the line), opens it, invites, adds a co-host and closes it; then a lead renames their team
 * and invites a teammate, who accepts on the invitations page after reading the rules. Every screen is kept as a
 * screenshot, and no page may log a JavaScript error or have a serious or critical accessibility violation (axe-core).
 */
@ExtendWith(ArquillianExtension.class)
class HostingPagesIT {

    private final List<Browser> browsers = new ArrayList<>();

    @TempDir
    Path files;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(Browser::close);
    }

    @Test
    void aHostCreatesEditsImportsInvitesAndClosesAUseCase() {
        String host = TestEnvironment.oidc() ? "carol" : "hana";
        String coHost = TestEnvironment.oidc() ? "hana" : "carol";
        String hostApi = TestEnvironment.oidc() ? "Bearer " + OidcProvider.token(host, List.of("host"), 3600) : Api.authorization(host);
        Browser browser = signedIn(host, List.of("host"));

        browser.open(TestEnvironment.BASE_URL + "use-cases.xhtml");
        assertEquals("Host a new use case", browser.text("#host-new"));
        browser.screenshot("hosting-01-catalogue");
        browser.assertNoJavaScriptErrors();
        browser.assertAccessible("catalogue-as-host");
        browser.click("#host-new");
        browser.await("the host page", Duration.ofSeconds(30), d -> d.getCurrentUrl().contains("/host.xhtml"));
        assertEquals("Host a new use case", browser.text("#host-title"));
        browser.screenshot("hosting-02-new");
        browser.assertNoJavaScriptErrors();
        browser.assertAccessible("host-new");

        // a wrong slug: the message is next to the slug, every other value stays as typed
        String slug = "hosted-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        String title = "Kinds of things " + slug;
        browser.type("#useCaseForm\\:title", title);
        browser.type("#useCaseForm\\:slug", "Not a slug!");
        choose(browser, "useCaseForm:category", "tabular classification");
        choose(browser, "useCaseForm:metric", "F1 · higher is better");
        assertEquals("macro", browser.text("#useCaseForm\\:averaging_label"), "a metric that averages starts with its first averaging");
        choose(browser, "useCaseForm:averaging", "weighted");
        browser.type("#useCaseForm\\:goal", "Tell the kind of a thing from three measurements.");
        browser.type("#useCaseForm\\:problem", "Each row has x1, x2 and x3; predict its kind a, b or c.");
        browser.type("#useCaseForm\\:background", "Made up for the browser test.");
        browser.type("#useCaseForm\\:rules", "Play fair. One account per person.");
        browser.type("#useCaseForm\\:perDay_input", "4");
        browser.type("#useCaseForm\\:teamSize_input", "3");
        browser.type("#useCaseForm\\:budget_input", "5");
        browser.type("#useCaseForm\\:publicFraction_input", "0.4");
        browser.click("#useCaseForm\\:save");
        expectText(browser, "#useCaseForm\\:slug-message", "is not usable in an address");
        expectText(browser, "#messages", "One input is wrong");
        assertEquals(title, value(browser, "#useCaseForm\\:title"));
        assertEquals("Not a slug!", value(browser, "#useCaseForm\\:slug"));
        assertEquals("Play fair. One account per person.", value(browser, "#useCaseForm\\:rules"));
        assertEquals("4", value(browser, "#useCaseForm\\:perDay_input"));
        assertEquals("0.40", value(browser, "#useCaseForm\\:publicFraction_input"));
        assertTrue(browser.text("#useCaseForm\\:metric_label").startsWith("F1"), browser.text("#useCaseForm\\:metric_label"));
        assertEquals("weighted", browser.text("#useCaseForm\\:averaging_label"));
        assertTrue(browser.driver().getCurrentUrl().endsWith("/host.xhtml"), "still on the new use case: " + browser.driver().getCurrentUrl());
        browser.screenshot("hosting-03-wrong-slug");
        browser.assertNoJavaScriptErrors();
        browser.assertAccessible("host-wrong-slug");

        browser.type("#useCaseForm\\:slug", slug);
        browser.click("#useCaseForm\\:save");
        browser.await("the host page of the new use case", Duration.ofSeconds(30), d -> d.getCurrentUrl().endsWith("/host.xhtml?slug=" + slug));
        assertEquals(title, browser.text("#host-title"));
        assertEquals("DRAFT", browser.text("#host-status"));
        expectText(browser, "#messages", "created as a private draft");
        String useCase = "api/v1/use-cases/" + slug;
        JsonObject created = World.ok(Api.get(useCase, hostApi));
        assertEquals("PRIVATE", created.getString("visibility"));
        assertEquals("TABULAR_CLASSIFICATION", created.getString("category"));
        assertEquals("f1_weighted", created.getString("primaryMetric"));
        assertEquals(4, created.getInt("submissionsPerDay"));
        assertEquals(3, created.getInt("teamSizeLimit"));
        assertEquals(5.0, created.getJsonNumber("computeBudgetPflops").doubleValue(), 1e-9);
        assertEquals(0.4, created.getJsonNumber("publicFraction").doubleValue(), 1e-9);
        assertEquals("HOST", created.getString("role"));
        browser.screenshot("hosting-04-created");
        browser.assertNoJavaScriptErrors();

        // edit: a new title, goal and closing date
        browser.type("#useCaseForm\\:title", title + " (edited)");
        browser.type("#useCaseForm\\:goal", "Tell the kind of a thing, better than chance.");
        // the date picker parses typed text when the field loses focus; under load its overlay can still be opening when
        // the keys arrive, so the value is checked, and typed again when the picker dropped it
        for (int attempt = 0; attempt < 3 && !"2031-06-30 18:00".equals(value(browser, "#useCaseForm\\:closes_input")); attempt++) {
            browser.type("#useCaseForm\\:closes_input", "2031-06-30 18:00");
            browser.find("#useCaseForm\\:closes_input").sendKeys(Keys.ESCAPE);
            browser.find("#useCaseForm\\:title").click();
        }
        assertEquals("2031-06-30 18:00", value(browser, "#useCaseForm\\:closes_input"));
        browser.click("#useCaseForm\\:save");
        expectText(browser, "#messages", "Saved.");
        assertEquals(title + " (edited)", browser.text("#host-title"));
        JsonObject edited = World.ok(Api.get(useCase, hostApi));
        assertEquals(title + " (edited)", edited.getString("title"));
        assertEquals("Tell the kind of a thing, better than chance.", edited.getString("goal"));
        assertEquals("2031-06-30T18:00:00Z", edited.getString("closesAt"));
        assertEquals("Play fair. One account per person.", edited.getString("rules"));

        // another host saves in between: the page says so and keeps the input, then loads the current version
        World.ok(Api.put(useCase, hostApi, "{\"background\":\"Changed elsewhere.\",\"version\":" + edited.getJsonNumber("version") + "}"));
        browser.type("#useCaseForm\\:goal", "A goal typed while someone else saved.");
        browser.click("#useCaseForm\\:save");
        expectText(browser, "#messages", "another host changed this use case");
        assertEquals("A goal typed while someone else saved.", value(browser, "#useCaseForm\\:goal"));
        assertEquals("Tell the kind of a thing, better than chance.", World.ok(Api.get(useCase, hostApi)).getString("goal"), "nothing overwritten");
        browser.screenshot("hosting-05-conflict");
        browser.assertNoJavaScriptErrors();
        browser.click("#useCaseForm\\:reload");
        assertEquals("Changed elsewhere.", value(browser, "#useCaseForm\\:background"));
        assertEquals("Tell the kind of a thing, better than chance.", value(browser, "#useCaseForm\\:goal"));

        // a CSV with a bad row: the report names the line and the column, nothing is imported
        String bad = World.csv().replaceFirst("(?m)^([^\\n]*\\n[^\\n]*\\n[^\\n]*\\n[^\\n]*\\n)[^,\\n]*,", "$1eleven,");
        upload(browser, write("kinds-bad.csv", bad));
        expectText(browser, "#uploads", "kinds-bad.csv");
        browser.type("#datasetForm\\:target", "kind");
        browser.click("#datasetForm\\:import");
        String report = browser.text("#datasetForm\\:import-report");
        assertTrue(report.contains("line 5") && report.contains("'eleven' is not a number, and this column holds numbers"), report);
        assertTrue(report.contains("The import was refused; nothing was changed."), report);
        assertTrue(browser.has("#profileForm\\:dataset-none"), "no dataset after the refused import");
        assertEquals(404, Api.get(useCase + "/dataset", hostApi).status());
        browser.scrollTo("#datasetForm\\:import-report");
        browser.screenshot("hosting-06-import-refused");
        browser.assertNoJavaScriptErrors();
        browser.assertAccessible("host-import-refused");

        // the good file: imported, then its profile computed while the page polls
        upload(browser, write("kinds.csv", World.csv()));
        assertEquals("kind", value(browser, "#datasetForm\\:target"), "the settings stay between uploads");
        browser.type("#datasetForm\\:validationFraction_input", "0.2");
        browser.type("#datasetForm\\:testFraction_input", "0.3");
        browser.click("#datasetForm\\:import");
        assertTrue(browser.text("#messages").matches("(?s).*Imported: \\d+ training, \\d+ validation and \\d+ hidden test rows\\..*"),
                browser.text("#messages"));
        assertFalse(browser.has("#datasetForm\\:import-report"), "the old report is gone");
        browser.scrollTo("#section-dataset");
        browser.screenshot("hosting-07-importing");
        browser.await("the profile to be ready", Duration.ofMinutes(2), d -> "READY".equals(d.findElement(By.id("profile-status")).getText()));
        assertEquals("3: a, b, c", browser.text("#dataset-classes"));
        assertTrue(browser.text("#dataset-rows").matches("\\d+ training, \\d+ validation, \\d+ hidden test"), browser.text("#dataset-rows"));
        assertTrue(browser.has("#profileForm\\:open-eda"), "a link to the exploratory data analysis");
        browser.scrollTo("#section-dataset");
        browser.screenshot("hosting-08-dataset-ready");
        browser.assertNoJavaScriptErrors();
        browser.assertAccessible("host-dataset-ready");

        // open it: active, so that invitations are accepted
        choose(browser, "useCaseForm:status", "active");
        browser.click("#useCaseForm\\:save");
        expectText(browser, "#messages", "Saved.");
        assertEquals("ACTIVE", browser.text("#host-status"));

        // invitations: by name and by e-mail; the e-mail one shows its code once, then is revoked
        browser.type("#invitationsForm\\:invite-user", host);
        browser.click("#invitationsForm\\:invite");
        assertTrue(browser.text("#invitationsForm\\:invite-user-message").contains("You cannot invite yourself"),
                browser.text("#invitationsForm\\:invite-user-message"));
        assertEquals(host, value(browser, "#invitationsForm\\:invite-user"));
        browser.type("#invitationsForm\\:invite-user", "alice");
        browser.click("#invitationsForm\\:invite");
        expectText(browser, "#messages", "Invited alice");
        browser.type("#invitationsForm\\:invite-email", "dana@example.org");
        browser.click("#invitationsForm\\:invite");
        assertTrue(browser.text("#invitationsForm\\:sent-code").contains("dana@example.org"), browser.text("#invitationsForm\\:sent-code"));
        String danaLink = value(browser, "#invitationsForm\\:sent-link");
        assertTrue(danaLink.matches(java.util.regex.Pattern.quote(TestEnvironment.BASE_URL) + "invitations\\.xhtml\\?invitation=\\d+&code=[0-9a-f]{48}"),
                "the link to send: " + danaLink);
        String table = browser.text("#invitationsForm\\:invitations");
        assertTrue(table.contains("alice") && table.contains("dana@example.org") && table.contains("pending"), table);
        browser.scrollTo("#section-invitations");
        browser.screenshot("hosting-09-invitations");
        WebElement danaRow = browser.driver().findElement(By.xpath("//tbody[@id='invitationsForm:invitations_data']/tr[contains(., 'dana@example.org')]"));
        danaRow.findElement(By.cssSelector("button[id$=':revoke']")).click();
        browser.waitForAjax();
        expectText(browser, "#messages", "revoked");
        String danaNow = browser.driver().findElement(By.xpath("//tbody[@id='invitationsForm:invitations_data']/tr[contains(., 'dana@example.org')]")).getText();
        assertTrue(danaNow.contains("revoked"), danaNow);
        List<JsonObject> aliceInvitations = Api.get("api/v1/invitations", Api.authorization("alice")).json().getJsonArray("items").stream()
                .map(v -> v.asJsonObject()).filter(i -> slug.equals(i.getString("useCase"))).toList();
        assertEquals(1, aliceInvitations.size(), aliceInvitations.toString());
        assertEquals("PENDING", aliceInvitations.get(0).getString("status"));
        browser.assertNoJavaScriptErrors();

        // hosts: a co-host is added; adding them twice says so next to the field
        browser.type("#hostsForm\\:new-host", coHost);
        browser.click("#hostsForm\\:add-host");
        assertTrue(browser.text("#hosts").contains(coHost), browser.text("#hosts"));
        browser.type("#hostsForm\\:new-host", coHost);
        browser.click("#hostsForm\\:add-host");
        expectText(browser, "#hostsForm\\:new-host-message", "already hosts");
        browser.scrollTo("#section-hosts");
        browser.screenshot("hosting-10-hosts");
        browser.assertNoJavaScriptErrors();
        browser.assertAccessible("host-invitations-and-hosts");
        // and removed again, after a confirmation
        browser.driver().findElement(By.xpath("//ul[@id='hosts']/li[starts-with(normalize-space(.), '" + coHost + "')]//button")).click();
        browser.await("the confirmation", Duration.ofSeconds(10), d -> d.findElement(By.cssSelector(".ui-confirm-dialog")).isDisplayed());
        browser.driver().findElements(By.cssSelector(".ui-confirm-dialog .ui-confirmdialog-yes")).stream().filter(WebElement::isDisplayed)
                .findFirst().orElseThrow().click();
        browser.waitForAjax();
        expectText(browser, "#messages", coHost + " no longer hosts");
        assertFalse(browser.text("#hosts").contains(coHost), browser.text("#hosts"));
        browser.assertNoJavaScriptErrors();

        // close, after the confirmation: the leaderboard ranks by the private part
        browser.scrollTo("#section-close");
        browser.click("#closeForm\\:close");
        browser.await("the confirmation", Duration.ofSeconds(10), d -> d.findElement(By.id("closeForm:close-dialog")).isDisplayed());
        browser.screenshot("hosting-11-close-confirmation");
        browser.assertAccessible("host-close-confirmation");
        browser.click("#closeForm\\:close-confirm");
        expectText(browser, "#closed-note", "closed");
        assertEquals("CLOSED", browser.text("#host-status"));
        assertEquals("CLOSED", World.ok(Api.get(useCase, hostApi)).getString("status"));
        assertEquals("private", World.ok(Api.get(useCase + "/leaderboard", hostApi)).getString("split"));
        browser.screenshot("hosting-12-closed");
        browser.assertNoJavaScriptErrors();
        browser.assertAccessible("host-closed");
    }

    @Test
    void aLeadInvitesATeammateWhoAcceptsTheRulesOnTheInvitationsPage() {
        String hana = Api.authorization("hana");
        String slug = "team-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        String useCase = World.createUseCase(hana, slug, "Team page " + slug, "\"visibility\":\"PUBLIC\",\"category\":\"TABULAR_CLASSIFICATION\","
                + "\"primaryMetric\":\"accuracy\",\"rules\":\"Share no code between teams.\",\"teamSizeLimit\":3");
        JsonObject upload = World.created(Api.send("POST", "api/v1/uploads?name=kinds.csv", hana, "text/csv",
                World.csv().getBytes(StandardCharsets.UTF_8)));
        World.ok(Api.put(useCase + "/dataset", hana, "{\"format\":\"CSV\",\"targetColumn\":\"kind\",\"files\":{\"table\":"
                + upload.getJsonNumber("id") + "}}"));
        World.activate(hana, useCase);
        World.created(Api.post(useCase + "/participation", Api.authorization("alice"), "{\"acceptRules\":true}"));

        Browser alice = signedIn("alice", List.of());
        alice.open(TestEnvironment.BASE_URL + "team.xhtml?slug=" + slug);
        assertEquals("Team alice", alice.text("#team-title"));
        assertTrue(alice.text("#members").contains("alice") && alice.text("#members").contains("lead"), alice.text("#members"));
        alice.type("#renameForm\\:team-name", "Kind finders");
        alice.click("#renameForm\\:rename");
        assertEquals("Kind finders", alice.text("#team-title"));
        alice.type("#inviteForm\\:invite-email", "not an address");
        alice.click("#inviteForm\\:invite");
        expectText(alice, "#inviteForm\\:invite-email-message", "is not an e-mail address");
        alice.type("#inviteForm\\:invite-email", "");
        alice.type("#inviteForm\\:invite-user", "bob");
        alice.click("#inviteForm\\:invite");
        expectText(alice, "#messages", "Invited bob into team 'Kind finders'");
        expectText(alice, "#inviteForm\\:invitations", "bob");
        alice.screenshot("team-01-lead-invited");
        alice.assertNoJavaScriptErrors();
        alice.assertAccessible("team-as-lead");

        Browser bob = signedIn("bob", List.of());
        bob.click("#nav-invitations");
        bob.await("the invitations page", Duration.ofSeconds(30), d -> d.getCurrentUrl().endsWith("/invitations.xhtml"));
        WebElement row = bob.driver().findElement(By.xpath("//tbody[@id='invitationsForm:invitations_data']/tr[contains(., '" + slug + "')]"));
        assertTrue(row.getText().contains("team Kind finders") && row.getText().contains("alice") && row.getText().contains("pending"), row.getText());
        bob.screenshot("team-02-invitations");
        bob.assertNoJavaScriptErrors();
        bob.assertAccessible("invitations");
        row.findElement(By.cssSelector("button[id$=':accept']")).click();
        bob.waitForAjax();
        bob.await("the rules", Duration.ofSeconds(10), d -> d.findElement(By.id("acceptForm:accept-dialog")).isDisplayed());
        assertEquals("Share no code between teams.", bob.text("#accept-rules-text"));
        bob.click("#acceptForm\\:accept-confirm");
        expectText(bob, "#acceptForm\\:accept-rules-message", "Tick the box to accept the rules");
        JsonObject notYet = World.ok(Api.get(useCase + "/participation", Api.authorization("bob")));
        assertTrue(!notYet.containsKey("role") || notYet.isNull("role"), "not joined without accepting the rules: " + notYet);
        bob.screenshot("team-03-rules-not-accepted");
        bob.assertAccessible("invitations-accept-dialog");
        bob.click("#acceptForm\\:accept-rules .ui-chkbox-box");
        bob.click("#acceptForm\\:accept-confirm");
        expectText(bob, "#messages", "You joined 'Team page " + slug + "' in team 'Kind finders'.");
        bob.await("the dialog to close", Duration.ofSeconds(10), d -> !d.findElement(By.id("acceptForm:accept-dialog")).isDisplayed());
        bob.screenshot("team-04-accepted");
        bob.assertNoJavaScriptErrors();
        bob.click("#open-team");
        bob.await("the team page", Duration.ofSeconds(30), d -> d.getCurrentUrl().contains("/team.xhtml?slug=" + slug));
        assertEquals("Kind finders", bob.text("#team-title"));
        assertTrue(bob.text("#members").contains("alice") && bob.text("#members").contains("bob"), bob.text("#members"));
        assertTrue(bob.has("#member-hint") && !bob.has("#inviteForm"), "a member neither renames nor invites");
        bob.screenshot("team-05-member");
        bob.assertNoJavaScriptErrors();
        bob.assertAccessible("team-as-member");

        JsonObject standing = World.ok(Api.get(useCase + "/participation", Api.authorization("bob")));
        assertEquals("MEMBER", standing.getString("role"));
        alice.open(TestEnvironment.BASE_URL + "team.xhtml?slug=" + slug);
        expectText(alice, "#inviteForm\\:invitations", "accepted");
        alice.assertNoJavaScriptErrors();

        // by e-mail: the lead sends the link shown once; whoever opens it signed in sees the invitation and its rules
        alice.type("#inviteForm\\:invite-user", "");
        alice.type("#inviteForm\\:invite-email", "carol@example.org");
        alice.click("#inviteForm\\:invite");
        expectText(alice, "#inviteForm\\:sent-code", "carol@example.org");
        String link = value(alice, "#inviteForm\\:sent-link");
        alice.screenshot("team-06-invited-by-e-mail");
        alice.assertNoJavaScriptErrors();
        Browser carol = signedIn("carol", List.of());
        carol.open(link);
        carol.await("the invitation of the link, open", Duration.ofSeconds(10), d -> d.findElement(By.id("acceptForm:accept-dialog")).isDisplayed());
        assertEquals("Share no code between teams.", carol.text("#accept-rules-text"));
        carol.screenshot("team-07-invitation-link");
        carol.click("#acceptForm\\:accept-rules .ui-chkbox-box");
        carol.click("#acceptForm\\:accept-confirm");
        expectText(carol, "#messages", "You joined 'Team page " + slug + "' in team 'Kind finders'.");
        carol.assertNoJavaScriptErrors();
        assertEquals("MEMBER", World.ok(Api.get(useCase + "/participation", Api.authorization("carol"))).getString("role"));
        Browser stranger = signedIn("hana", List.of("host"));
        stranger.open(link.replaceAll("code=[0-9a-f]+", "code=" + "0".repeat(48)));
        expectText(stranger, "#messages", "There is no invitation");
        stranger.assertNoJavaScriptErrors();
    }

    @Test
    void aHostImportsATextDatasetWhoseEdaShowsItsTexts() {
        String hana = Api.authorization("hana");
        String slug = "texts-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        World.createUseCase(hana, slug, "Texts " + slug, "\"visibility\":\"PUBLIC\",\"category\":\"TEXT_CLASSIFICATION\",\"primaryMetric\":\"accuracy\"");
        StringBuilder csv = new StringBuilder("description,section\n");
        String[][] words = {{"kernel", "driver", "module", "firmware"}, {"font", "glyph", "typeface", "serif"}};
        for (int i = 0; i < 80; i++) {
            String[] own = words[i % 2];
            csv.append("\"A ").append(own[i % 4]).append(" package with ").append(own[(i + 1) % 4]).append(" support, release ").append(i)
                    .append("\",").append(i % 2 == 0 ? "kernel" : "fonts").append('\n');
        }
        Browser browser = signedIn("hana", List.of("host"));
        browser.open(TestEnvironment.BASE_URL + "host.xhtml?slug=" + slug);
        choose(browser, "datasetForm:format", "TEXT: a table with a text and a label column");
        upload(browser, write("sections.csv", csv.toString()));
        browser.type("#datasetForm\\:target", "section");
        browser.type("#datasetForm\\:textColumn", "description");
        browser.click("#datasetForm\\:import");
        expectText(browser, "#messages", "Imported:");
        browser.await("the profile to be ready", Duration.ofMinutes(2), d -> "READY".equals(d.findElement(By.id("profile-status")).getText()));
        assertEquals("2: fonts, kernel", browser.text("#dataset-classes"));
        assertTrue(browser.text("#dataset-target").contains("(text in description)"), browser.text("#dataset-target"));
        browser.scrollTo("#section-dataset");
        browser.screenshot("hosting-13-text-imported");
        browser.assertNoJavaScriptErrors();

        browser.open(TestEnvironment.BASE_URL + "use-case.xhtml?slug=" + slug + "&tab=eda");
        assertTrue(browser.text("#eda-format").startsWith("TEXT"), browser.text("#eda-format"));
        String snippets = browser.text("#edaForm\\:eda-snippets");
        assertTrue(snippets.contains("package with") && snippets.contains("fonts") && snippets.contains("kernel"), snippets);
        assertTrue(browser.text("#eda-top-words").contains("package"), browser.text("#eda-top-words"));
        // the charts of texts: the length distribution, and the most frequent words of each class
        String lengths = chartSummary(browser, "#eda-text-lengths");
        assertTrue(lengths.startsWith("Histogram of the number of words per training text: ") && lengths.contains(" texts"), lengths);
        List<WebElement> classWords = browser.driver().findElements(By.cssSelector("#eda-class-words section"));
        assertEquals(2, classWords.size(), "one list per class");
        String fonts = classWords.get(0).getText();
        String kernel = classWords.get(1).getText();
        assertTrue(fonts.startsWith("fonts") && fonts.contains("glyph") && fonts.contains("package") && !fonts.contains("kernel"), fonts);
        assertTrue(kernel.startsWith("kernel") && kernel.contains("driver") && !kernel.contains("glyph"), kernel);
        assertEquals(10, classWords.get(1).findElements(By.cssSelector("li")).size(), "the 10 most frequent words of the class");
        assertEdaReadable(browser, "#eda-text-lengths", "#eda-class-words", "hosting-14-text-eda", "use-case-eda-of-texts");
    }

    @Test
    void theEdaOfAnImageDatasetShowsThePixelHistogramAndTheMeanImageOfEachClass() {
        String hana = Api.authorization("hana");
        String slug = "images-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        String useCase = World.createUseCase(hana, slug, "Images " + slug,
                "\"visibility\":\"PUBLIC\",\"category\":\"IMAGE_CLASSIFICATION\",\"primaryMetric\":\"accuracy\"");
        long images = World.uploadFashion(hana, "train-images-idx3-ubyte.gz");
        long labels = World.uploadFashion(hana, "train-labels-idx1-ubyte.gz");
        JsonObject imported = World.ok(Api.put(useCase + "/dataset", hana, "{\"format\":\"IDX\",\"files\":{\"images\":" + images
                + ",\"labels\":" + labels + "},\"validationFraction\":0.1,\"testFraction\":0.25,\"seed\":3}"));
        JsonObject profiled = Runs.await(useCase + "/dataset", hana, java.util.Set.of(), Duration.ZERO,
                d -> !"PENDING".equals(d.getString("profileStatus", "PENDING")));
        assertEquals("READY", profiled.getString("profileStatus"), profiled.toString());

        Browser browser = signedIn("hana", List.of("host"));
        browser.open(TestEnvironment.BASE_URL + "use-case.xhtml?slug=" + slug + "&tab=eda");
        assertTrue(browser.text("#eda-format").startsWith("IDX"), browser.text("#eda-format"));
        // the pixel intensities: ten bins from 0 to 1 over the training images, every pixel counted once
        String histogram = chartSummary(browser, "#eda-pixel-histogram");
        int trainRows = imported.getInt("trainRows");
        assertTrue(histogram.startsWith("Histogram of the pixel intensities, scaled 0 to 1, of the first "
                + String.format(java.util.Locale.ROOT, "%,d", trainRows) + " training images: 0–0.1: "), histogram);
        assertTrue(histogram.contains("; 0.9–1: ") && histogram.endsWith(" pixels."), histogram);
        long pixels = java.util.regex.Pattern.compile(": ([0-9,]+) pixels?").matcher(histogram).results()
                .mapToLong(m -> Long.parseLong(m.group(1).replace(",", ""))).sum();
        assertEquals(trainRows * 784L, pixels, "every pixel of the training images in one bin: " + histogram);
        // the mean image of each of the 10 classes, 28 x 28 shown 3 times as large, named by its class
        List<WebElement> means = browser.driver().findElements(By.cssSelector("#eda-mean-images figure"));
        assertEquals(10, means.size(), "a mean image per class");
        int counted = 0;
        for (WebElement figure : means) {
            WebElement image = figure.findElement(By.tagName("img"));
            String caption = figure.findElement(By.tagName("figcaption")).getText();
            assertTrue(caption.matches("\\d\n\\d[\\d,]* images"), caption);
            assertTrue(image.getDomAttribute("alt").matches("The mean of the [\\d,]+ training images of class " + caption.charAt(0)),
                    image.getDomAttribute("alt"));
            assertTrue(image.getDomAttribute("src").startsWith("data:image/png;base64,"));
            assertEquals(84L, ((Number) browser.script("return arguments[0].naturalWidth * 3;", image)).longValue(), "a 28-pixel-wide PNG");
            assertEquals("pixelated", image.getCssValue("image-rendering"));
            counted += Integer.parseInt(caption.substring(2).replace(" images", "").replace(",", ""));
        }
        assertEquals(trainRows, counted, "the mean images cover the training split");
        assertEdaReadable(browser, "#eda-pixel-histogram", "#eda-mean-images", "hosting-15-image-eda", "use-case-eda-of-images");
    }

    /** The EDA tab shown prints no E-notation, logs no error, passes axe-core and fits a phone; screenshots at both sizes. */
    private static void assertEdaReadable(Browser browser, String chart, String wide, String screenshot, String page) {
        assertNoENotation(browser.text("#panel-eda"));
        browser.scrollTo(chart);
        browser.screenshot(screenshot);
        browser.assertNoJavaScriptErrors();
        browser.assertAccessible(page);
        assertFitsAPhone(browser, wide, screenshot + "-narrow");
        browser.assertAccessible(page + "-390");
    }

    /** The summary a screen reader reads for the chart in {@code css}: its canvas is an image with that label. */
    private static String chartSummary(Browser browser, String css) {
        WebElement canvas = browser.await("the chart " + css, Duration.ofSeconds(10), d -> d.findElements(By.cssSelector(css + " canvas")).stream()
                .findFirst().orElse(null));
        assertEquals("img", canvas.getDomAttribute("role"), css);
        String summary = canvas.getDomAttribute("aria-label");
        assertNoENotation(summary);
        return summary;
    }

    /** Numbers printed for people: never as Java prints a raw double (3.791E7, 2.4E-7). */
    private static void assertNoENotation(String text) {
        java.util.regex.Matcher raw = java.util.regex.Pattern.compile("\\b\\d+(\\.\\d+)?E-?\\d+\\b").matcher(text);
        assertFalse(raw.find(), "a number in E-notation: " + text);
    }

    /**
     * At 390 px (a phone) the page does not scroll sideways; the screenshot shows {@code css}. The window stays narrow for
     * the checks after it.
     */
    private static void assertFitsAPhone(Browser browser, String css, String screenshot) {
        browser.resize(390, 844);
        browser.driver().navigate().refresh();
        browser.waitForAjax();
        Number overflow = (Number) browser.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        browser.scrollTo(css);
        browser.screenshot(screenshot);
        assertTrue(overflow.intValue() <= 0, "the EDA fits a 390 px window without sideways scrolling (" + overflow + " px too wide: "
                + browser.overflowing() + ")");
    }

    /** A browser signed in as {@code user}: the login form, or the OIDC provider with {@code groups}. */
    private Browser signedIn(String user, List<String> groups) {
        Browser browser = Browser.start();
        browsers.add(browser);
        browser.signIn(user, groups);
        return browser;
    }

    /** Picks an option of a PrimeFaces select menu the way a person does: open it, click the option. */
    private static void choose(Browser browser, String menuId, String label) {
        String menu = "#" + menuId.replace(":", "\\:");
        browser.click(menu + " .ui-selectonemenu-trigger");
        String option = menu + "_items li[data-label=\"" + label + "\"]";
        // the menu takes clicks on its options once its opening transition has ended, when it says it is expanded
        browser.await("the options of " + menuId, Duration.ofSeconds(10),
                d -> "true".equals(d.findElement(By.id(menuId + "_label")).getDomAttribute("aria-expanded")));
        browser.click(option);
        // once the closing transition has ended the menu focuses itself, which scrolls it into view: a click on another
        // element before then may land where that element was (twice "Saved." never came, the save button not clicked)
        browser.await("the options of " + menuId + " to close", Duration.ofSeconds(10),
                d -> "false".equals(d.findElement(By.id(menuId + "_label")).getDomAttribute("aria-expanded")));
        assertEquals(label, browser.text(menu + "_label"));
    }

    /** Waits (AJAX updates and polls may bring it) until the element's text contains {@code fragment}. */
    private static void expectText(Browser browser, String css, String fragment) {
        try {
            new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
                List<WebElement> found = d.findElements(By.cssSelector(css));
                return !found.isEmpty() && found.get(0).getText().contains(fragment);
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            browser.screenshot("failed-" + css.replaceAll("[^a-zA-Z0-9-]", "-"));
            List<WebElement> found = browser.driver().findElements(By.cssSelector(css));
            throw new AssertionError("'" + fragment + "' not in " + css + ": " + (found.isEmpty() ? "no such element" : "'" + found.get(0).getText() + "'")
                    + browser.diagnosis(), e);
        }
    }

    private static String value(Browser browser, String css) {
        return browser.find(css).getDomProperty("value");
    }

    private void upload(Browser browser, Path file) {
        browser.find("#datasetForm input[type=file]").sendKeys(file.toAbsolutePath().toString());
        browser.click("#datasetForm\\:upload");
        expectText(browser, "#messages", "Uploaded " + file.getFileName());
    }

    private Path write(String name, String content) {
        try {
            return Files.writeString(files.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
