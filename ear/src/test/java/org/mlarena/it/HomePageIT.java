package org.mlarena.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlarena.it.support.Api;
import org.mlarena.it.support.InBrowser;
import org.mlarena.it.support.Deployments;
import org.mlarena.it.support.OidcProvider;
import org.mlarena.it.support.TestEnvironment;
import org.mlarena.it.support.World;
import org.openqa.selenium.By;

/**
 * In headless Chromium: sign in (the login form, or the OIDC provider), the home page with the header and the use
 * cases, then the status page with the platform facts and a device check run from it, then sign out; a competitor's
 * home with their use case and their training, on a laptop and a phone. Fails on any JavaScript error
 * and keeps a screenshot of each step under target/screenshots/.
 */
@ExtendWith(ArquillianExtension.class)
class HomePageIT extends InBrowser {

    private static final Pattern EXPECTED_401 = Pattern.compile("status of 401");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void signInSeeTheHomePageThenThePlatformStatusRunADeviceCheckAndSignOut() {
        World world = World.get();
        String user;
        if (TestEnvironment.oidc()) {
            user = "carol";
            OidcProvider.nextSignIn(user, List.of("host"));
            browser.open(TestEnvironment.BASE_URL);
        } else {
            user = "hana";
            browser.open(TestEnvironment.BASE_URL);
            assertTrue(browser.driver().getCurrentUrl().endsWith("/arena/login.xhtml"), browser.driver().getCurrentUrl());
            browser.screenshot("home-01-login");
            browser.type("#loginForm\\:username", user);
            browser.type("#loginForm\\:password", user);
            browser.click("#loginForm\\:signIn");
        }
        browser.await("the home page", Duration.ofSeconds(30), d -> d.findElements(By.id("signed-in-name")).size() == 1);
        assertEquals(user, browser.text("#signed-in-name"));
        assertTrue(browser.text(".arena-user").contains("(host)"), browser.text(".arena-user"));
        // hana hosts the shared use case; with the SSO, carol is in its team A
        String listed = TestEnvironment.oidc() ? "#homeForm\\:competing" : "#homeForm\\:hosted";
        assertTrue(browser.text(listed).contains("Integration test " + world.slug), browser.text("main"));
        browser.screenshot("home-02-home");
        browser.assertAccessible("home");
        browser.assertNoJavaScriptErrors();

        browser.click("#nav-status");
        browser.await("the status page", Duration.ofSeconds(30), d -> d.findElements(By.id("database")).size() == 1);
        assertTrue(browser.text("#database").contains(TestEnvironment.databaseKind().equals("h2") ? "H2" : "PostgreSQL"),
                browser.text("#database"));
        assertTrue(browser.text("#persistence").startsWith("EclipseLink"), browser.text("#persistence"));
        assertTrue(browser.text("#device").startsWith("OpenCL"), browser.text("#device"));
        assertTrue(browser.text("#nodes").contains(browser.text("#served-by") + " (this one)"), browser.text("#nodes"));
        browser.screenshot("home-03-status");
        browser.assertAccessible("status");
        browser.assertNoJavaScriptErrors();

        browser.type("#checkForm\\:size_input", "80");
        browser.click("#checkForm\\:startCheck");
        assertTrue(browser.text("#checkForm\\:messages").contains("started"), browser.text("#checkForm\\:messages"));
        browser.await("the device check to match", Duration.ofSeconds(90), d -> {
            String firstRow = d.findElement(By.cssSelector("#tableForm\\:checks-table_data tr")).getText();
            return firstRow.contains("MATCHED") && firstRow.contains(user) && firstRow.contains("80");
        });
        browser.scrollTo("#tableForm\\:checks-table");
        browser.screenshot("home-04-device-check");
        browser.assertNoJavaScriptErrors();

        browser.click("#signOutForm\\:signOut");
        browser.await("the signed-out page", Duration.ofSeconds(30), d -> d.getCurrentUrl().endsWith("/signed-out.xhtml"));
        browser.screenshot("home-05-signed-out");
        browser.assertNoJavaScriptErrors();
    }

    /**
     * A competitor's home: their use case with their team, rank, submissions left and deadline; a training they start
     * shows there with its progress, or its place in the queue while it waits. The status page is not theirs.
     */
    @Test
    void aCompetitorsHomeShowsTheirUseCaseAndTheirTrainings() {
        World world = World.get();
        String slug = world.slug;
        // two long trainings: the first runs (or waits behind another suite's), the second waits behind it
        String body = "{\"title\":\"home page run %d\",\"model\":\"mlp\",\"hyperparameters\":{\"hidden\":\"256\"},\"epochs\":500,"
                + "\"batchSize\":1,\"patience\":0,\"seed\":%d}";
        long first = World.created(Api.post("api/v1/use-cases/" + slug + "/experiments", world.bob, String.format(body, 1, 1)))
                .getJsonNumber("id").longValue();
        long second = World.created(Api.post("api/v1/use-cases/" + slug + "/experiments", world.bob, String.format(body, 2, 2)))
                .getJsonNumber("id").longValue();
        try {
            browser.signIn("bob", List.of());
            assertTrue(browser.text("#homeForm\\:competing").contains("Integration test " + slug), browser.text("main"));
            String left = browser.text("#left-" + slug);
            assertTrue(left.matches("[0-3]"), "submissions left today of 3: " + left);
            assertEquals("no deadline", browser.text("#deadline-" + slug));
            browser.awaitText("#homeForm\\:runs", "home page run 2", Duration.ofSeconds(30));
            for (long run : List.of(first, second)) {
                // one read of the row: the page polls and replaces its table every few seconds
                String row = String.valueOf(browser.script("return document.getElementById(arguments[0]).closest('tr').innerText;", "run-status-" + run));
                assertTrue(row.contains("Queued") || row.contains("Running"), row);
                assertTrue(row.contains("Running") ? row.contains("epochs") : row.matches("(?s).*\\d+(st|nd|rd|th) in the queue: .*"),
                        "a running training shows its progress, a queued one its place in the queue: " + row);
            }
            browser.screenshot("home-06-competitor");
            browser.resize(390, 844);
            Number overflow = (Number) browser.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertTrue(overflow.intValue() <= 0, "the home page fits a phone (" + overflow + " px too wide: " + browser.overflowing() + ")");
            assertFalse(browser.find("#main-nav").isDisplayed(), "on a phone the menu is folded");
            browser.click("#nav-toggle");
            assertTrue(browser.find("#nav-use-cases").isDisplayed(), "the menu button unfolds it");
            browser.screenshot("home-07-competitor-phone");
            browser.assertAccessible("home (phone)");
            browser.assertNoJavaScriptErrors();

            browser.open(TestEnvironment.BASE_URL + "status.xhtml");
            assertTrue(browser.text("main").contains("This page is not for you"), browser.text("main"));
            assertFalse(browser.has("#nav-status"), "no link to the status page for a competitor");
        } finally {
            for (long run : List.of(first, second)) {
                Api.post("api/v1/use-cases/" + slug + "/experiments/" + run + "/cancellation", world.bob, "");
            }
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithAClearMessage() {
        if (TestEnvironment.oidc()) {
            // with the corporate SSO there is no password form: the login page leads to the provider
            browser.open(TestEnvironment.BASE_URL + "login.xhtml");
            assertTrue(browser.text("#ssoSignIn").contains("corporate SSO"));
            browser.screenshot("home-05-login-sso");
            browser.assertNoJavaScriptErrors();
            return;
        }
        browser.open(TestEnvironment.BASE_URL + "login.xhtml");
        browser.type("#loginForm\\:username", "alice");
        browser.type("#loginForm\\:password", "wrong");
        browser.click("#loginForm\\:signIn");
        assertTrue(browser.text("#loginForm\\:messages").contains("Wrong user name or password."), browser.text("#loginForm\\:messages"));
        browser.screenshot("home-05-wrong-password");
        browser.assertNoJavaScriptErrors(EXPECTED_401);
    }
}
