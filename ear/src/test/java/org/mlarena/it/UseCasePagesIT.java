package org.mlarena.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlarena.it.support.Api;
import org.mlarena.it.support.InBrowser;
import org.mlarena.it.support.Deployments;
import org.mlarena.it.support.TestEnvironment;
import org.mlarena.it.support.World;
import org.openqa.selenium.By;

/**
 * In headless Chromium, as a team lead of the shared private use case: the catalogue with its search, then every tab
 * of the use case with what it must show, the experiment details with their learning curves, the start form's
 * messages next to the fields, the "try it" form of the Evaluation tab, a narrow window, the methodology page.
 * Fails on any JavaScript error and on any serious or critical accessibility violation (axe-core: every tab at 390x844
 * and 1280x800, and the other pages); keeps a screenshot of every screen under target/screenshots/.
 */
@ExtendWith(ArquillianExtension.class)
class UseCasePagesIT extends InBrowser {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    /** A number as Java prints a double it has not formatted: 3.791E7, 2.4E-7, 0E0. */
    private static final java.util.regex.Pattern E_NOTATION = java.util.regex.Pattern.compile("\\b\\d+(\\.\\d+)?E-?\\d+\\b");

    /** Opens a tab and checks what every tab must: numbers printed for people, no value left out of a sentence. */
    private void tab(String key) {
        browser.click("#tab-" + key);
        browser.await("the " + key + " tab", WAIT, d -> d.getCurrentUrl().contains("tab=" + key) && !d.findElements(By.id("panel-" + key)).isEmpty());
        browser.waitForAjax();
        readable(key);
    }

    /** The tab shown prints numbers for people and leaves no value out of a sentence. */
    private void readable(String key) {
        String text = browser.text("#panel-" + key);
        java.util.regex.Matcher raw = E_NOTATION.matcher(text);
        if (raw.find()) {
            org.junit.jupiter.api.Assertions.fail("the " + key + " tab prints a number in E-notation: '" + raw.group() + "' in " + text);
        }
        if (!key.equals("evaluation")) { // the metric's code may well have " ," or "()"
            assertFalse(text.contains(" ,") || text.contains("()"),
                    "the " + key + " tab leaves a value out: " + text);
        }
    }

    @Test
    void everyTabOfAUseCaseAsATeamLead() {
        World w = World.get();
        browser.signIn("alice", List.of());

        browser.open(TestEnvironment.BASE_URL + "use-cases.xhtml");
        browser.type("#filterForm\\:search", w.slug);
        browser.await("the card of " + w.slug, WAIT, d -> d.findElements(By.cssSelector(".arena-card")).size() == 1
                && !d.findElements(By.id("card-" + w.slug)).isEmpty());
        assertTrue(browser.text("#card-" + w.slug).contains("private"), browser.text("#card-" + w.slug));
        assertTrue(browser.text("#card-" + w.slug).contains("you lead a team"), browser.text("#card-" + w.slug));
        browser.screenshot("use-case-01-catalogue-search");
        browser.assertNoJavaScriptErrors();
        browser.assertAccessible("catalogue");
        // only those alice takes part in: every card says how
        browser.type("#filterForm\\:search", "");
        browser.click("#filterForm\\:only-mine .ui-chkbox-box");
        browser.await("only alice's use cases", WAIT, d -> d.findElements(By.cssSelector(".arena-card")).stream()
                .allMatch(card -> card.getText().contains("you ")) && !d.findElements(By.id("card-" + w.slug)).isEmpty());
        browser.screenshot("use-case-01-catalogue-mine");
        browser.type("#filterForm\\:search", w.slug);
        browser.await("the card of " + w.slug + " again", WAIT, d -> d.findElements(By.cssSelector(".arena-card")).size() == 1);

        // a deadline shows on every tab, in the viewer's time zone with the time left
        World.ok(Api.put(w.useCase(), w.host, "{\"closesAt\":\"" + Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS)
                + "\",\"version\":" + World.ok(Api.get(w.useCase(), w.host)).getJsonNumber("version") + "}"));
        browser.click("#open-" + w.slug);
        browser.await("the use case page", WAIT, d -> !d.findElements(By.id("use-case-title")).isEmpty());
        assertEquals("Integration test " + w.slug, browser.text("#use-case-title"));
        assertTrue(browser.text("#use-case-role").startsWith("you: lead of team"), browser.text("#use-case-role"));
        assertTrue(browser.text("#deadline-submissions").matches(".*\\(in (29|30) days\\)"), browser.text("#use-case-deadlines"));
        assertTrue(browser.has("#panel-leaderboard"), "the leaderboard is the first tab");
        String mine = browser.text("#leaderboardForm\\:leaderboard-table .arena-my-team");
        assertFalse(mine.isBlank(), "my team's row is highlighted");
        assertEquals(2, browser.driver().findElements(By.cssSelector("#leaderboardForm\\:leaderboard-table_data tr")).size(),
                "both teams are on the leaderboard");
        assertTrue(browser.text("#rel-definition").contains("Rel %"), browser.text("#rel-definition"));
        // the lazy table sorts on the server: by team name, then the other way round
        browser.driver().findElement(By.xpath("//th[.//span[normalize-space(text())='Team']]")).click();
        browser.waitForAjax();
        browser.await("sorted by team", WAIT, d -> d.findElement(By.cssSelector("#leaderboardForm\\:leaderboard-table_data tr")).getText().contains("alice"));
        browser.driver().findElement(By.xpath("//th[.//span[normalize-space(text())='Team']]")).click();
        browser.waitForAjax();
        browser.await("sorted by team, descending", WAIT, d -> d.findElement(By.cssSelector("#leaderboardForm\\:leaderboard-table_data tr")).getText().contains("bob"));
        browser.screenshot("use-case-02-leaderboard");
        browser.assertNoJavaScriptErrors();

        tab("description");
        assertEquals("Tell the kind", browser.text("#description-goal"));
        assertTrue(browser.text("#panel-description").contains("Final submissions\n2 per team"), browser.text("#panel-description"));
        assertEquals("Play fair", browser.text("#description-rules"));
        assertTrue(browser.text("#description-metric").startsWith("Accuracy"), browser.text("#description-metric"));
        browser.screenshot("use-case-03-description");
        browser.assertNoJavaScriptErrors();

        // the hosts tell the data's story: it heads the EDA tab, Markdown rendered
        var read = World.ok(Api.get("api/v1/use-cases/" + w.slug, w.host));
        World.ok(Api.put("api/v1/use-cases/" + w.slug, w.host, "{\"dataSource\":\"Made up by the **World** of the tests.\",\"version\":"
                + read.getJsonNumber("version") + "}"));
        tab("eda");
        assertEquals("Made up by the World of the tests.", browser.text("#eda-source"));
        assertEquals("World", browser.text("#eda-source strong"));
        assertFalse(browser.has("#eda-labelling"), "a part the hosts did not write is left out");
        assertTrue(browser.text("#eda-format").startsWith("CSV"), browser.text("#eda-format"));
        assertTrue(browser.text("#edaForm\\:eda-test-split").matches("About \\d+ % of the test rows are public.* SHA-256 is [0-9a-f]{64}; the seed"
                + " itself is shown once the use case is closed.*"), browser.text("#edaForm\\:eda-test-split"));
        int train = Integer.parseInt(browser.text("#eda-split-train"));
        assertTrue(train > 30 && train < 90, "the training split of the 90 rows: " + train);
        String classes = browser.text("#edaForm\\:eda-classes");
        assertTrue(classes.contains("a") && classes.contains("b") && classes.contains("c"), classes);
        assertTrue(browser.text("#edaForm\\:eda-features").contains("x1"), browser.text("#edaForm\\:eda-features"));
        browser.await("a histogram per feature", WAIT, d -> d.findElements(By.cssSelector("#eda-histograms canvas")).size() == 3);
        assertEquals(9, browser.driver().findElements(By.cssSelector("#eda-correlation tbody td")).size(), "the 3 x 3 correlation heat map");
        assertEquals("1.00", browser.text("#eda-correlation tbody tr:first-child td:first-of-type"), "a feature correlates fully with itself");
        browser.screenshot("use-case-04-eda");
        browser.assertNoJavaScriptErrors();

        tab("training");
        String experiments = browser.text("#trainingForm\\:training-table");
        assertTrue(experiments.contains("first try") && experiments.contains("Completed"), experiments);
        browser.screenshot("use-case-05-training");
        assertTrue(browser.has("#details-status") && browser.has("#trainingForm\\:loss-chart"),
                "the newest experiment's details and curves show without a click");
        browser.click("#details-" + w.experimentA);
        browser.await("the experiment's details", WAIT, d -> !d.findElements(By.cssSelector("#trainingForm\\:loss-chart canvas")).isEmpty()
                && !d.findElements(By.cssSelector("#trainingForm\\:metric-chart canvas")).isEmpty());
        assertTrue(browser.text("#details-status").startsWith("Completed · 2 / 2 epochs"), browser.text("#details-status"));
        assertTrue(browser.text("#details-compute").matches("[0-9.,]+ [kMGTP]?FLOPs of training, [0-9.,]+ [kMGTP]?FLOPs per sample to infer"),
                browser.text("#details-compute"));
        Number points = (Number) browser.script("return Chart.getChart(document.querySelector('#trainingForm\\\\:loss-chart canvas')).data.labels.length;");
        assertEquals(2, points.intValue(), "one point per epoch on the learning curve");
        browser.scrollTo("#trainingForm\\:experiment-details");
        browser.screenshot("use-case-06-experiment-details");
        browser.assertNoJavaScriptErrors();
        browser.type("#trainingForm\\:edit-notes", "softmax baseline, 2 epochs");
        browser.click("#trainingForm\\:describe-save");
        assertEquals("softmax baseline, 2 epochs", browser.awaitText("#details-notes", "softmax baseline", WAIT));
        assertEquals("first try", browser.find("#trainingForm\\:edit-title").getDomProperty("value"), "the title stays as it was");
        browser.type("#trainingForm\\:edit-title", "");
        browser.click("#trainingForm\\:describe-save");
        assertTrue(browser.awaitText("#trainingForm\\:edit-title-message", "title", WAIT).contains("1 to 200 characters"));
        assertTrue(browser.text("#trainingForm\\:training-table").contains("first try"), "a refused title changes nothing");
        browser.assertNoJavaScriptErrors();

        // the start form: wrong inputs get their message next to the field, and what was typed stays
        browser.click("#trainingStart\\:start-panel_toggler");
        browser.await("the start form to open", WAIT, d -> d.findElement(By.id("trainingStart:notes")).isDisplayed());
        browser.type("#trainingStart\\:notes", "kept after a refusal");
        browser.type("#trainingStart\\:epochs_input", "0");
        browser.click("#trainingStart\\:start");
        browser.await("the messages next to the fields", WAIT, d -> !d.findElements(By.cssSelector("#trainingStart\\:title-message .ui-message-error-detail, #trainingStart\\:title-message .ui-message-error-summary")).isEmpty());
        assertTrue(browser.text("#trainingStart\\:title-message").contains("title"), browser.text("#trainingStart\\:title-message"));
        assertTrue(browser.text("#trainingStart\\:epochs-message").contains("epochs"), browser.text("#trainingStart\\:epochs-message"));
        assertEquals("kept after a refusal", browser.find("#trainingStart\\:notes").getAttribute("value"));
        browser.scrollTo("#trainingStart\\:start-panel");
        browser.screenshot("use-case-07-training-form-refused");
        browser.assertNoJavaScriptErrors();
        browser.assertAccessible("training-start-form-refused");

        tab("submissions");
        assertTrue(browser.text("#quota").contains("more today"), browser.text("#quota"));
        assertTrue(browser.text("#quota").matches("(?s).*ranks each team by its final submissions only\\. Your team has chosen \\d of 2; it can choose until"
                + " the use case is closed\\..*"), browser.text("#quota"));
        browser.screenshot("use-case-08-submissions");
        browser.assertNoJavaScriptErrors();
        // a scored submission is chosen as final by its button, and unchosen again
        long submitted = World.created(Api.post(w.useCase() + "/submissions", w.alice, "{\"experimentId\":" + w.experimentA + "}"))
                .getJsonNumber("id").longValue();
        assertEquals("SCORED", org.mlarena.it.support.Runs.awaitSubmission(w.useCase(), submitted, w.alice).getString("status"));
        tab("submissions");
        String chosenBefore = browser.text("#final-choices");
        browser.click("#submissionsForm [id$=':choose-final']");
        browser.await("the Final mark", WAIT, d -> !d.findElements(By.cssSelector("#submissionsForm [id$=':final-mark']")).isEmpty());
        assertTrue(browser.text("#messages").contains("is one of your team's final submissions"), browser.text("#messages"));
        assertTrue(World.ok(Api.get(w.useCase() + "/submissions/" + submitted, w.alice)).getBoolean("finalChoice"), "the page's choice is stored");
        assertFalse(browser.text("#final-choices").equals(chosenBefore), "the count of chosen submissions follows: " + browser.text("#final-choices"));
        browser.screenshot("use-case-08b-final-chosen");
        browser.click("#submissionsForm [id$=':unchoose-final']");
        browser.await("the Final mark gone", WAIT, d -> d.findElements(By.cssSelector("#submissionsForm [id$=':final-mark']")).isEmpty());
        assertFalse(World.ok(Api.get(w.useCase() + "/submissions/" + submitted, w.alice)).getBoolean("finalChoice"));
        // reproduce: the button trains the model again; the comparison shows under Reproduction once it is scored
        browser.click("#submissionsForm [id$=':reproduce']");
        assertTrue(browser.text("#messages").contains("trains submission #"), browser.text("#messages"));
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!browser.has("#submissionsForm [id$=':reproduction']") || !browser.text("#submissionsForm [id$=':reproduction']").contains("identical")) {
            assertTrue(System.nanoTime() < deadline, "no reproduction shown: " + browser.text("#submissionsForm\\:submissions-table"));
            Api.sleep(2000);
            tab("submissions");
        }
        assertTrue(browser.text("#submissionsForm [id$=':reproduction']").matches("#\\d+: identical to the bit"),
                browser.text("#submissionsForm [id$=':reproduction']"));
        assertTrue(browser.find("#submissionsForm [id$=':reproduction']").getAttribute("title").startsWith("Identical to the bit: the same predictions"),
                "the verdict in full is the label's title");
        browser.screenshot("use-case-08c-reproduced");
        browser.assertAccessible("submissions-reproduced");
        // the end of submissions holds on the page too: the Submit button gets the refusal with the time it ended
        Instant ended = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        World.ok(Api.put(w.useCase(), w.host, "{\"closesAt\":\"" + ended + "\",\"version\":"
                + World.ok(Api.get(w.useCase(), w.host)).getJsonNumber("version") + "}"));
        try {
            tab("training");
            browser.click("#trainingForm [id$=':submit']");
            assertTrue(browser.awaitText("#messages", "ended at", WAIT).contains(ended.toString()), browser.text("#messages"));
            browser.screenshot("use-case-08d-submissions-ended");
        } finally {
            World.ok(Api.put(w.useCase(), w.host, "{\"closesAt\":\"" + Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS)
                    + "\",\"version\":" + World.ok(Api.get(w.useCase(), w.host)).getJsonNumber("version") + "}"));
        }
        browser.assertNoJavaScriptErrors();

        tab("evaluation");
        assertEquals("Accuracy", browser.text("#metric-name"));
        browser.await("the formula typeset by MathJax", WAIT, d -> !d.findElements(By.cssSelector("#metric-formula mjx-container mjx-math")).isEmpty());
        assertTrue(browser.find("#metric-snippet").getAttribute("class").contains("hljs"), "the code is highlighted");
        assertFalse(browser.driver().findElements(By.cssSelector("#metric-snippet .hljs-keyword")).isEmpty(), "Java keywords are marked");
        browser.type("#tryForm\\:try-csv", "truth,predicted\n0,0\n1,1\n2,1\n1,1");
        browser.click("#tryForm\\:try-compute");
        assertEquals("0.7500", browser.awaitText("#try-value", "0.75", WAIT));
        browser.screenshot("use-case-09-evaluation");
        browser.type("#tryForm\\:try-csv", "truth,predicted\n0,x");
        browser.click("#tryForm\\:try-compute");
        assertTrue(browser.awaitText("#tryForm\\:try-csv-message", "not a number", WAIT).contains("line 2"), browser.text("#tryForm\\:try-csv-message"));
        browser.screenshot("use-case-10-evaluation-bad-input");
        browser.assertNoJavaScriptErrors();
        browser.assertAccessible("evaluation-bad-input");

        // light pages: what each tab transfers with a cold cache (compressed), printed, within the budget of the issue
        java.util.Map<String, Long> transferred = new java.util.LinkedHashMap<>();
        for (String key : List.of("leaderboard", "description", "eda", "training", "submissions", "evaluation")) {
            tab(key);
            transferred.put(key, browser.coldBytes(key.equals("evaluation")
                    ? d -> !d.findElements(By.cssSelector("#metric-formula mjx-container mjx-math")).isEmpty() : d -> true));
            System.out.println("UseCasePagesIT: the " + key + " tab's largest transfers: " + browser.largestTransfers(6));
        }
        System.out.println("UseCasePagesIT: bytes transferred per tab, cold cache: " + transferred);
        transferred.forEach((key, bytes) -> assertTrue(bytes <= (key.equals("evaluation") ? 800_000 : 500_000),
                "the " + key + " tab transfers " + bytes + " bytes with a cold cache: " + transferred));
        assertTrue(Api.download("webjars/mathjax/3.2.2/es5/startup.js", null).raw().headers().firstValue("Cache-Control").orElse("")
                .contains("max-age=31536000"), "versioned static files are kept by browsers");

        browser.click("#footer-methodology");
        browser.await("the methodology page", WAIT, d -> !d.findElements(By.id("methodology-text")).isEmpty());
        assertTrue(browser.text("#methodology-text").contains("FLOP"), "the methodology explains FLOPs");
        browser.screenshot("use-case-11-methodology");
        browser.assertNoJavaScriptErrors();
        browser.assertAccessible("methodology");

        browser.click("#nav-getting-started");
        browser.await("the getting-started page", WAIT, d -> !d.findElements(By.id("help-train")).isEmpty());
        assertEquals("mailto:ml-arena-support@example.org", browser.find("#help-contact-link").getAttribute("href"),
                "the contact of arena.help.contact (its default here)");
        browser.screenshot("use-case-14-getting-started");
        browser.assertNoJavaScriptErrors();
        browser.assertAccessible("getting-started");
    }

    @Test
    void aTeamWritesAnArchitectureInTheEditorSeesItCheckedTrainsItAndSubmitsIt() {
        World w = World.get();
        // a use case of its own, so that this submission counts against no other test's daily limit
        String slug = "layers-" + Long.toHexString(System.nanoTime());
        String uc = World.createUseCase(w.host, slug, "Editor " + slug, "\"visibility\":\"PUBLIC\",\"category\":\"TABULAR_CLASSIFICATION\","
                + "\"primaryMetric\":\"accuracy\"");
        long upload = World.created(Api.send("POST", "api/v1/uploads?name=kinds.csv", w.host, "text/csv",
                World.csv().getBytes(java.nio.charset.StandardCharsets.UTF_8))).getJsonNumber("id").longValue();
        World.ok(Api.put(uc + "/dataset", w.host, "{\"format\":\"CSV\",\"targetColumn\":\"kind\",\"files\":{\"table\":" + upload
                + "},\"validationFraction\":0.2,\"testFraction\":0.3,\"seed\":5}"));
        World.activate(w.host, uc);
        World.created(Api.post(uc + "/participation", w.alice, "{\"acceptRules\":true,\"teamName\":\"Editors\"}"));

        browser.signIn("alice", List.of());
        browser.open(TestEnvironment.BASE_URL + "use-case.xhtml?slug=" + slug + "&tab=training");
        browser.await("the start form", WAIT, d -> !d.findElements(By.id("trainingStart:model")).isEmpty());
        browser.script("var menu = PF('modelMenu'); menu.selectValue('architecture'); menu.callBehavior('valueChange');");
        browser.await("the architecture editor", WAIT, d -> !d.findElements(By.id("trainingStart:architecture")).isEmpty());
        browser.waitForAjax();

        // a mistake is named with its layer while typing
        browser.type("#trainingStart\\:architecture", "{\"layers\": [{\"type\": \"conv2d\", \"filters\": 4, \"kernel\": 3}]}");
        assertTrue(browser.awaitText("#trainingStart\\:architecture-problems", "layers[0]", WAIT).contains("layers[0] (conv2d): works on images"),
                browser.text("#trainingStart\\:architecture-preview"));
        browser.screenshot("use-case-15-architecture-problem");
        // a template, then the team's own: every layer's shape, parameters and FLOPs
        browser.script("var menu = PF('architectureStartMenu'); menu.selectValue('template:residual-mlp'); menu.callBehavior('valueChange');");
        assertTrue(browser.awaitText("#trainingStart\\:architecture-layers", "residual", WAIT).contains("batchnorm"));
        browser.type("#trainingStart\\:architecture", "{\"layers\": [{\"type\": \"dense\", \"units\": 16}, {\"type\": \"batchnorm\"}, {\"type\": \"gelu\"}]}");
        browser.await("the check of the new layers", WAIT, d -> d.findElements(By.cssSelector("[id='trainingStart:architecture-layers'] tbody tr")).size() == 4);
        // 3 features: dense 16 (64 parameters), batch normalisation (32), GELU, the output layer of 3 classes (51)
        assertTrue(browser.text("#architecture-totals").contains("147 parameters"), browser.text("#architecture-totals"));
        assertTrue(browser.text("#trainingStart\\:architecture-layers").contains("gelu"), browser.text("#trainingStart\\:architecture-layers"));
        browser.type("#trainingStart\\:architecture-name", "tiny bn");
        browser.click("#trainingStart\\:architecture-save");
        assertTrue(browser.awaitText("#messages", "is saved", WAIT).contains("tiny bn"), browser.text("#messages"));
        assertEquals(1, org.mlarena.it.support.Runs.array(Api.get(uc + "/architectures", w.alice).body()).size());
        browser.screenshot("use-case-16-architecture-checked");
        browser.assertNoJavaScriptErrors();
        browser.assertAccessible("training-architecture-editor");

        // trained from the form, then submitted from its row
        browser.type("#trainingStart\\:title", "own architecture");
        browser.type("#trainingStart\\:epochs_input", "5");
        browser.click("#trainingStart\\:start");
        assertTrue(browser.awaitText("#messages", "is queued", WAIT).contains("own architecture"), browser.text("#messages"));
        long id = org.mlarena.it.support.Runs.array(Api.get(uc + "/experiments", w.alice).json().getJsonArray("items").toString()).get(0)
                .getJsonNumber("id").longValue();
        jakarta.json.JsonObject trained = org.mlarena.it.support.Runs.awaitExperiment(uc, id, w.alice);
        assertEquals("COMPLETED", trained.getString("status"), trained.toString());
        assertEquals(3, trained.getJsonObject("architecture").getJsonArray("layers").size());
        assertEquals(147, trained.getInt("parameters"));
        browser.open(TestEnvironment.BASE_URL + "use-case.xhtml?slug=" + slug + "&tab=training");
        browser.driver().findElement(By.xpath("//tr[contains(., 'own architecture')]//button[contains(@id, ':submit')]")).click();
        browser.waitForAjax();
        assertTrue(browser.awaitText("#messages", "Submitted as #", WAIT).contains("scored on the hidden test set"), browser.text("#messages"));
        browser.screenshot("use-case-17-architecture-submitted");
        browser.assertNoJavaScriptErrors();
    }

    @Test
    void aNarrowWindowAndAUseCaseThatDoesNotExist() {
        World w = World.get();
        browser.signIn("bob", List.of());
        // a phone and a laptop: no tab makes the document scroll sideways (a wide table scrolls inside its own box)
        for (int[] size : List.of(new int[]{390, 844}, new int[]{1280, 800})) {
            browser.resize(size[0], size[1]);
            for (String key : List.of("leaderboard", "description", "eda", "training", "submissions", "evaluation")) {
                browser.open(TestEnvironment.BASE_URL + "use-case.xhtml?slug=" + w.slug + "&tab=" + key);
                assertTrue(browser.has("#panel-" + key), key);
                readable(key);
                Number overflow = (Number) browser.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                if (size[0] < 500) {
                    browser.screenshot("use-case-12-narrow-" + key);
                }
                assertTrue(overflow.intValue() <= 0, key + ": the page fits a " + size[0] + " px window without sideways scrolling ("
                        + overflow + " px too wide: " + browser.overflowing() + ")");
                if (size[0] >= 1280 && List.of("leaderboard", "training", "submissions").contains(key)) {
                    // on a laptop these tables show every column, their buttons included, without a scroll bar of their own
                    Object scrolling = browser.script("return [...document.querySelectorAll('#panel-" + key + " .ui-datatable-tablewrapper')]"
                            + ".filter(w => w.scrollWidth > w.clientWidth + 1).map(w => w.parentElement.id + ': ' + (w.scrollWidth - w.clientWidth)"
                            + " + ' px more').join(', ');");
                    assertEquals("", scrolling, key + ": a table scrolls inside its box at " + size[0] + " px");
                }
                browser.assertNoJavaScriptErrors();
                // every tab, at both sizes: no serious or critical accessibility violation (axe-core)
                browser.assertAccessible("use-case-" + key + "-" + size[0] + "x" + size[1]);
            }
        }
        browser.resize(1280, 900);
        browser.open(TestEnvironment.BASE_URL + "use-case.xhtml?slug=no-such-" + w.slug);
        assertTrue(browser.text("#messages").contains("No such use case"), browser.text("#messages"));
        assertTrue(browser.has("#back-to-catalogue"));
        browser.screenshot("use-case-13-no-such-use-case");
        browser.assertNoJavaScriptErrors();
        browser.assertAccessible("no-such-use-case");
    }
}
