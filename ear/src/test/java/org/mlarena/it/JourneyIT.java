package org.mlarena.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlarena.it.support.Api;
import org.mlarena.it.support.InBrowser;
import org.mlarena.it.support.Deployments;
import org.mlarena.it.support.Runs;
import org.mlarena.it.support.TestEnvironment;
import org.mlarena.it.support.World;
import org.openqa.selenium.By;

/**
 * The whole journey of a participant in headless Chromium: sign in (through the OIDC provider in the OIDC run) →
 * browse the catalogue → open a public use case and read its description (whose script the sanitiser removed) → join,
 * accepting the rules → start a training with the form → watch it finish with its learning curves → submit it → watch
 * the submission being scored → see the team on the leaderboard → read the Evaluation tab. Only the use case and its
 * dataset are set up over REST, as its host would. Every main screen is checked for serious or critical accessibility
 * violations (axe-core), the sign-in page first.
 */
@ExtendWith(ArquillianExtension.class)
class JourneyIT extends InBrowser {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    private static String publicUseCase() {
        String host = Api.authorization("hana");
        String slug = "journey-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        String rules = "Play **fair**.\\n\\n<script>window.pwned = 1</script><img src=x onerror=\\\"window.pwned = 2\\\">"
                + "[a link](javascript:window.pwned=3)";
        String useCase = World.createUseCase(host, slug, "Journey " + slug, "\"visibility\":\"PUBLIC\",\"category\":\"TABULAR_CLASSIFICATION\","
                + "\"primaryMetric\":\"accuracy\",\"goal\":\"Tell the **kind** of a row\",\"rules\":\"" + rules + "\",\"submissionsPerDay\":3");
        JsonObject upload = World.created(Api.send("POST", "api/v1/uploads?name=kinds.csv", host, "text/csv",
                World.csv().getBytes(StandardCharsets.UTF_8)));
        World.ok(Api.put(useCase + "/dataset", host, "{\"format\":\"CSV\",\"targetColumn\":\"kind\",\"files\":{\"table\":"
                + upload.getJsonNumber("id") + "},\"validationFraction\":0.2,\"testFraction\":0.3,\"seed\":7}"));
        Runs.await(useCase + "/dataset", host, java.util.Set.of(), Duration.ZERO, d -> !"PENDING".equals(d.getString("profileStatus", "PENDING")));
        World.activate(host, useCase);
        return slug;
    }

    private void tab(String key) {
        browser.click("#tab-" + key);
        browser.await("the " + key + " tab", WAIT, d -> d.getCurrentUrl().contains("tab=" + key) && !d.findElements(By.id("panel-" + key)).isEmpty());
        browser.waitForAjax();
    }

    @Test
    void signInBrowseJoinTrainSubmitAndSeeTheTeamOnTheLeaderboard() {
        String slug = publicUseCase();
        String user = "carol";
        browser.open(TestEnvironment.BASE_URL + "login.xhtml");
        browser.assertAccessible("login");
        browser.signIn(user, List.of());
        browser.screenshot("journey-01-signed-in");

        browser.click("#nav-use-cases");
        browser.type("#filterForm\\:search", "Journey " + slug);
        browser.await("the card of " + slug, WAIT, d -> !d.findElements(By.id("card-" + slug)).isEmpty()
                && d.findElements(By.cssSelector(".arena-card")).size() == 1);
        browser.screenshot("journey-02-catalogue");
        browser.assertNoJavaScriptErrors();
        browser.assertAccessible("catalogue-search");
        browser.click("#open-" + slug);
        browser.await("the use case", WAIT, d -> !d.findElements(By.id("use-case-title")).isEmpty());

        tab("description");
        assertEquals("kind", browser.text("#description-goal strong"), "the goal's Markdown is rendered");
        assertEquals("fair", browser.text("#description-rules strong"));
        assertFalse(browser.has("#description-rules script") || browser.has("#description-rules img"), "no script or image gets through");
        for (var link : browser.driver().findElements(By.cssSelector("#description-rules a"))) {
            String href = link.getAttribute("href");
            assertTrue(href == null || !href.startsWith("javascript"), "no javascript: link gets through: " + href);
        }
        assertNull(browser.script("return window.pwned;"), "nothing of the description ran");
        browser.screenshot("journey-03-description");
        browser.assertNoJavaScriptErrors();
        browser.assertAccessible("use-case-description-before-joining");

        browser.click("#joinForm\\:join");
        browser.await("the join dialog", WAIT, d -> d.findElement(By.id("joinForm:join-dialog")).isDisplayed());
        assertEquals("fair", browser.text("#join-rules strong"), "the dialog shows the rules to accept");
        assertNull(browser.script("return window.pwned;"));
        browser.type("#joinForm\\:team-name", "Carol's crew");
        browser.screenshot("journey-04-join-dialog");
        browser.assertAccessible("join-dialog");
        browser.click("#joinForm\\:accept-and-join");
        browser.await("the page after joining", WAIT, d -> !d.findElements(By.id("use-case-role")).isEmpty());
        assertEquals("you: lead of team Carol's crew", browser.text("#use-case-role"));
        assertTrue(browser.text("#messages").contains("You joined"), browser.text("#messages"));
        browser.screenshot("journey-05-joined");
        browser.assertNoJavaScriptErrors();

        tab("training");
        assertTrue(browser.text("#trainingForm\\:training-scope").contains("template experiments"), browser.text("#trainingForm\\:training-scope"));
        assertTrue(browser.find("#trainingStart\\:title").isDisplayed(), "with no experiment of the team yet, the start form is open");
        browser.type("#trainingStart\\:title", "My first MLP");
        // as a click on the item would: selects it and fires the change that brings the model's hyperparameters
        browser.script("var menu = PF('modelMenu'); menu.selectValue('mlp'); menu.callBehavior('valueChange');");
        browser.waitForAjax();
        browser.await("the MLP's hyperparameters", WAIT, d -> !d.findElements(By.id("trainingStart:hyperparameters:0:hyper-value")).isEmpty());
        browser.type("#trainingStart\\:hyperparameters\\:0\\:hyper-value", "16");
        browser.type("#trainingStart\\:epochs_input", "4");
        browser.type("#trainingStart\\:batchSize_input", "16");
        browser.type("#trainingStart\\:notes", "a small hidden layer");
        browser.screenshot("journey-06-start-form");
        browser.assertAccessible("training-start-form");
        browser.click("#trainingStart\\:start");
        String queued = browser.awaitText("#messages", "is queued", WAIT);
        long experiment = Long.parseLong(queued.replaceAll("(?s).*Experiment #(\\d+).*", "$1"));
        browser.screenshot("journey-07-training-queued");

        browser.await("the training to complete", Duration.ofMinutes(4), d -> d.findElement(By.id("status-" + experiment)).getText().equals("Completed"));
        assertTrue(browser.text("#trainingForm\\:training-table").contains("My first MLP"));
        assertTrue(browser.text("#details-status").startsWith("Completed · 4 / 4 epochs"), browser.text("#details-status"));
        Number points = (Number) browser.script("return Chart.getChart(document.querySelector('#trainingForm\\\\:loss-chart canvas')).data.labels.length;");
        assertEquals(4, points.intValue(), "the learning curve has a point per epoch");
        assertTrue(browser.text("#details-notes").contains("a small hidden layer"));
        browser.scrollTo("#trainingForm\\:experiment-details");
        browser.screenshot("journey-08-training-completed");
        browser.assertNoJavaScriptErrors();
        browser.assertAccessible("training-completed");

        browser.click("#trainingForm\\:training-table\\:0\\:submit");
        String submitted = browser.awaitText("#messages", "Submitted as #", WAIT);
        browser.screenshot("journey-09-submitted");
        long submission = Long.parseLong(submitted.replaceAll("(?s).*Submitted as #(\\d+).*", "$1"));

        tab("submissions");
        browser.await("the submission to be scored", Duration.ofMinutes(2),
                d -> d.findElement(By.id("submission-status-" + submission)).getText().equals("Scored"));
        assertTrue(browser.text("#quota").contains("2 more today"), browser.text("#quota"));
        String row = browser.text("#submissionsForm\\:submissions-table_data");
        assertTrue(row.contains("My first MLP") && row.matches("(?s).*0\\.\\d{4}.*"), "the public score is shown: " + row);
        browser.screenshot("journey-10-submission-scored");
        browser.assertNoJavaScriptErrors();

        tab("leaderboard");
        String mine = browser.text("#leaderboardForm\\:leaderboard-table .arena-my-team");
        assertTrue(mine.startsWith("1 Carol's crew"), "my team ranks first, highlighted: " + mine);
        assertTrue(mine.contains("★ Pareto"), mine);
        browser.screenshot("journey-11-leaderboard");
        browser.assertNoJavaScriptErrors();
        browser.assertAccessible("leaderboard-ranked-first");

        tab("evaluation");
        browser.await("the formula typeset", WAIT, d -> !d.findElements(By.cssSelector("#metric-formula mjx-container")).isEmpty());
        assertTrue(browser.text("#metric-explanation").length() > 20, browser.text("#metric-explanation"));
        assertTrue(browser.text("#metric-snippet").contains("accuracy"), "the real code of the metric");
        browser.screenshot("journey-12-evaluation");
        browser.assertNoJavaScriptErrors();
    }
}
